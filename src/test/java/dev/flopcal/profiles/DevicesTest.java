package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void aBrandWithoutModelNumberSaysWhatWasDetected() {
        assertEquals("AMD EPYC (Zen 5, 2 vCPUs)", Devices.name("AMD EPYC", "Zen 5", 2, 2, true));
        assertEquals("Intel(R) Xeon(R) Processor (Emerald Rapids, 2 vCPUs)",
                Devices.name("Intel(R) Xeon(R) Processor", "Emerald Rapids", 2, 2, true));
        assertEquals("AMD EPYC (Zen 4, 8 cores)", Devices.name("AMD EPYC", "Zen 4", 16, 8, false));
        assertEquals("AMD EPYC (1 vCPU)", Devices.name("AMD EPYC", "", 1, 1, true));
        assertEquals("CPU (4 cores)", Devices.name("  ", "", 8, 4, false));
    }

    @Test
    void aFullProcessorNameIsKept() {
        assertEquals("AMD EPYC 9654 96-Core Processor", Devices.name("AMD EPYC 9654 96-Core Processor", "Zen 4", 192,
                96, false));
        assertEquals("Intel(R) Xeon(R) Platinum 8480+", Devices.name("Intel(R) Xeon(R) Platinum 8480+",
                "Sapphire Rapids", 2, 2, true));
    }
}
