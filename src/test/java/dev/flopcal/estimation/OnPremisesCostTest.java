package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OnPremisesCostTest {
    @Test
    void onPremisesBreakEvenAgainstRenting() {
        // 30,000 USD device over 5 years, 3,000 USD/year operations, used all year, 0.10 USD/h electricity
        OnPremisesCost own = new OnPremisesCost(30_000, 5, 3_000, 8760, 0.10, 3.0);
        assertEquals(30_000 / (5 * 8760.0), own.amortizationUsdPerDeviceHour(), 1e-12);
        assertEquals(3_000 / 8760.0, own.operationsUsdPerDeviceHour(), 1e-12);
        assertEquals(30_000 / (5 * 8760.0) + 3_000 / 8760.0 + 0.10, own.costUsdPerDeviceHour(), 1e-12);
        // owning wins above (6,000 + 3,000) / (3.00 - 0.10) hours a year
        assertEquals(9_000 / 2.9, own.breakEvenHoursPerYear(), 1e-9);
        // and after 30,000 / (730 × 2.90 − 250) months of continuous use
        assertEquals(30_000 / (730 * 2.9 - 250), own.breakEvenMonths(), 1e-9);
        // at the break-even use per year, owning and renting cost the same per year
        double hours = own.breakEvenHoursPerYear();
        assertEquals(3.0 * hours, 6_000 + 3_000 + 0.10 * hours, 1e-6);
    }

    @Test
    void rentingCheaperThanTheElectricityNeverBreaksEven() {
        OnPremisesCost own = new OnPremisesCost(30_000, 5, 3_000, 8760, 0.50, 0.40);
        assertNull(own.breakEvenHoursPerYear());
        assertNull(own.breakEvenMonths());
        assertNull(new OnPremisesCost(30_000, 5, 3_000, 8760, 0.10, null).breakEvenHoursPerYear());
    }
}
