package dev.flopcal.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.core.Units;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.NominalKind;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;

/**
 * Achieved against nominal throughput across profiles: one {@link Row} per profile × precision, rendered as a text
 * table for the terminal or as CSV for spreadsheets and notebooks.
 *
 * <p>Every figure is copied from the profiles; nothing is recomputed. Rates are per second for the whole device
 * (FLOP/s; op/s for int8). Uncertainties keep the confidence level of their source: JMH's 99.9% half-width for
 * measured CPU figures, the 95% interval half-width for figures fitted from published training runs.
 */
public final class Comparison {
    /** Confidence of a measured profile's rerun intervals ({@code achievedCi95}). */
    static final double RERUN_CONFIDENCE = 0.95;

    /** CSV columns, in order; rates are per second, errors are confidence-interval half-widths. */
    public static final List<String> CSV_HEADER = List.of("profile_id", "device", "kind", "precision", "rate_unit",
            "nominal_flops_per_s", "nominal_estimated", "achieved_flops_per_s", "achieved_error_flops_per_s",
            "error_confidence", "utilization", "utilization_error", "status", "measured_at_n", "measured_at_threads",
            "published_runs", "nominal_basis", "nominal_kind");

    /**
     * Commons CSV's RFC 4180 format: comma, CRLF, double quotes doubled inside quoted fields. Null values print as
     * empty fields, never quoted.
     */
    static final CSVFormat CSV = CSVFormat.RFC4180;

    private final List<Row> rows;

    private Comparison(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * One precision of one profile.
     *
     * @param profileId        the profile's id
     * @param device           the device name
     * @param kind             "cpu", "gpu" or "tpu"
     * @param precision        the number format
     * @param nominal          spec-sheet peak, FLOP/s (op/s for int8); null when unknown
     * @param nominalEstimated true when the per-cycle figure behind the nominal peak is inferred or unverified;
     *                         null when the profile does not say
     * @param achieved         achieved rate, same unit; null for "nominal only"
     * @param achievedError    half-width of its confidence interval, same unit; null when unknown
     * @param errorConfidence  confidence level of {@code achievedError} and {@code utilizationError}, e.g. 0.999;
     *                         null when there is no error or the status does not say
     * @param utilization      achieved / nominal (fraction, 1 = the nominal peak); null when either is unknown
     * @param utilizationError half-width of its confidence interval (fraction); null when unknown
     * @param status           where the achieved figure comes from; null when the profile does not say
     * @param measuredAt       size and threads of a measured figure; null otherwise
     * @param publishedRuns    number of published runs a fitted figure comes from; null otherwise
     * @param nominalBasis     how the nominal peak was derived, in words; null when unknown
     * @param nominalKind      what the nominal peak is (datasheet, user, table, ceiling-derived); null when unknown
     * @param rerunInterval    true when the errors are the 95% interval a rerun falls in (measured CPU profiles made
     *                         since JVMs are replicated), false for other intervals
     */
    public record Row(String profileId, String device, String kind, Precision precision, Double nominal,
                      Boolean nominalEstimated, Double achieved, Double achievedError, Double errorConfidence,
                      Double utilization, Double utilizationError, FigureStatus status, PrecisionProfile.At measuredAt,
                      Integer publishedRuns, String nominalBasis, NominalKind nominalKind, boolean rerunInterval) {

        /** True for a precision with a nominal peak and no achieved figure. */
        public boolean nominalOnly() {
            return achieved == null;
        }
    }

    /**
     * The comparison of every precision of every profile.
     *
     * @throws InvalidInputException when {@code profiles} is empty
     */
    public static Comparison of(List<Profile> profiles) {
        return of(profiles, List.of());
    }

    /**
     * The comparison restricted to some precisions, in {@link Precision} order within each profile, profiles in the
     * order given.
     *
     * @param precisions the precisions to keep; empty for all
     * @throws InvalidInputException when {@code profiles} is empty, or naming a requested precision that none of the
     *                               profiles has
     */
    public static Comparison of(List<Profile> profiles, Collection<Precision> precisions) {
        if (profiles.isEmpty()) {
            throw new InvalidInputException("no profiles to compare");
        }
        Set<Precision> present = presentIn(profiles);
        for (Precision p : precisions) {
            if (!present.contains(p)) {
                throw new InvalidInputException("no selected profile has precision '" + p + "' (they have: "
                        + present.stream().map(Precision::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        Set<Precision> keep = precisions.isEmpty() ? present : EnumSet.copyOf(precisions);
        List<Row> rows = new ArrayList<>();
        for (Profile profile : profiles) {
            for (Precision p : Precision.values()) {
                PrecisionProfile pp = profile.precisions().get(p.id());
                if (pp != null && keep.contains(p)) {
                    rows.add(row(profile, p, pp));
                }
            }
        }
        return new Comparison(rows);
    }

    /** The precisions at least one of the profiles has, in {@link Precision} order. */
    public static Set<Precision> presentIn(List<Profile> profiles) {
        Set<Precision> present = EnumSet.noneOf(Precision.class);
        for (Profile profile : profiles) {
            profile.precisions().keySet().forEach(k -> present.add(Precision.parse(k)));
        }
        return present;
    }

    /**
     * Confidence level of a precision's errors, from its status: 0.999 for measured figures (JMH), 0.95 for figures
     * fitted from published runs; null otherwise.
     */
    public static Double errorConfidence(FigureStatus status) {
        return status == null ? null : Quantity.nullIfNaN(status.errorConfidence());
    }

    private static Row row(Profile profile, Precision p, PrecisionProfile pp) {
        boolean hasError = pp.achievedError() != null || pp.utilizationError() != null;
        boolean rerun = pp.achievedCi95() != null;
        return new Row(profile.id(), profile.device().name(), profile.device().kind(), p, pp.nominalFlops(),
                pp.nominalEstimated(), pp.achievedFlops(), pp.achievedError(),
                hasError ? (rerun ? Double.valueOf(RERUN_CONFIDENCE) : errorConfidence(pp.status())) : null,
                pp.utilization(), pp.utilizationError(), pp.status(), pp.achievedAt(),
                pp.publishedRuns() == null ? null : pp.publishedRuns().size(), pp.nominalBasis(), pp.nominalKind(),
                rerun);
    }

    /** The rows, profiles in the order given, precisions in {@link Precision} order. */
    public List<Row> rows() {
        return rows;
    }

    /** The precisions that appear in the rows, in {@link Precision} order. */
    public Set<Precision> precisions() {
        return rows.stream().map(Row::precision).collect(Collectors.toCollection(() -> EnumSet.noneOf(Precision.class)));
    }

    /**
     * A text table with SI-prefixed rates, followed by a legend of the marks and confidence levels used.
     * Utilization is shown as a percentage of the nominal peak.
     */
    public String text() {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"profile", "device", "precision", "nominal", "achieved", "achieved/nominal", "status",
                "measured at / from"});
        boolean anyEstimated = false;
        Set<String> confidences = new LinkedHashSet<>();
        for (Row r : rows) {
            String unit = r.precision().rateUnit();
            boolean estimated = Boolean.TRUE.equals(r.nominalEstimated());
            anyEstimated |= estimated;
            if (r.errorConfidence() != null) {
                confidences.add(confidenceNote(r));
            }
            table.add(new String[] {r.profileId(), r.device() + " (" + r.kind() + ")", r.precision().id(),
                    Units.rate(r.nominal(), unit) + (estimated ? " *" : "")
                            + (r.nominalKind() == null ? "" : " (" + r.nominalKind() + ")"),
                    r.nominalOnly() ? "—" : (Units.rate(r.achieved(), unit) + " "
                            + Units.plusMinus(r.achievedError(), r.achieved())).strip(),
                    r.utilization() == null ? "—" : Units.percentWithError(r.utilization(), r.utilizationError()),
                    r.status() == null ? null : r.status().text(), where(r)});
        }
        StringBuilder out = new StringBuilder(Tables.text(table));
        if (anyEstimated) {
            out.append("* nominal peak from a per-cycle figure that is inferred or not yet verified (see the profile's notes)\n");
        }
        for (String c : confidences) {
            out.append(c).append('\n');
        }
        return out.toString();
    }

    private static String confidenceNote(Row r) {
        if (r.rerunInterval()) {
            return "± on measured figures: the 95% interval a rerun falls in (variance within and between JVMs)";
        }
        return r.errorConfidence() == 0.999 ? "± on measured figures: JMH 99.9% confidence half-width (profiles made"
                + " before JVMs were replicated)"
                : String.format(Locale.ROOT, "± on fitted figures: %s confidence interval half-width over the published runs",
                        Units.confidence(r.errorConfidence()));
    }

    /** Where a figure comes from, in words: "n=512, 2 threads", "5 published runs", "datasheet". */
    static String where(Row r) {
        if (r.measuredAt() != null) {
            return "n=" + r.measuredAt().n() + ", " + Units.count(r.measuredAt().threads(), "thread");
        }
        if (r.publishedRuns() != null) {
            return Units.count(r.publishedRuns(), "published run");
        }
        return r.nominalOnly() ? "datasheet" : "";
    }

    /**
     * RFC 4180 CSV: a header of {@link #CSV_HEADER}, one record per row, CRLF line breaks, fields quoted when they
     * contain a comma, a double quote or a line break (and, Commons CSV being cautious, when free text such as a
     * device name starts with a space, tab, '!' or '#' or ends in white space). Numbers are plain Java decimals
     * ({@code 1.472E11}, {@code 0.5236}) as any CSV reader parses them, never SI-prefixed; unknown figures are
     * empty fields.
     */
    public String csv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            printer.printRecord(CSV_HEADER);
            for (Row r : rows) {
                printer.printRecord(r.profileId(), r.device(), r.kind(), r.precision().id(), r.precision().rateUnit(),
                        number(r.nominal()), r.nominalEstimated(), number(r.achieved()), number(r.achievedError()),
                        number(r.errorConfidence()), number(r.utilization()), number(r.utilizationError()),
                        r.status() == null ? null : r.status().text(),
                        r.measuredAt() == null ? null : r.measuredAt().n(),
                        r.measuredAt() == null ? null : r.measuredAt().threads(), r.publishedRuns(), r.nominalBasis(),
                        r.nominalKind() == null ? null : r.nominalKind().text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to memory", e);
        }
        return out.toString();
    }

    /** A finite number as Java prints it; null (an empty field) when unknown, NaN or infinite. */
    private static Double number(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }
}
