package dev.flopcal.reporting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.flopcal.fleet.FleetReport;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.profiles.Publisher;

/**
 * A fleet report's files beside its JSON in the results directory: {@code fleet-report.md} (the tables), a chart
 * per precision ({@code fleet-PRECISION.png} and {@code .svg}), and the results index ({@code README.md}, with a
 * section on the fleet) regenerated from every profile there. Everything is rendered before the first file is
 * written, and each file is written atomically.
 */
public final class FleetReportFiles {
    /** The Markdown report's file name. */
    public static final String MARKDOWN = "fleet-report.md";

    private FleetReportFiles() {
    }

    /**
     * Writes the report's Markdown and charts into {@code resultsDir} and regenerates its index.
     *
     * @return the files written, the index last
     */
    public static List<Path> write(FleetReport report, Path resultsDir) throws IOException {
        List<OutputFile> files = new ArrayList<>();
        List<String> pngs = new ArrayList<>();
        report.precisions().forEach((p, s) -> {
            files.addAll(ChartFiles.encode(FleetChart.of(p, s), FleetChart.baseName(p)));
            pngs.add(FleetChart.baseName(p) + ".png");
        });
        files.add(OutputFile.text(MARKDOWN, FleetReportView.markdown(report, pngs)));
        List<Path> written = new ArrayList<>(OutputFile.writeAll(files, resultsDir));
        Publisher publisher = new Publisher(new ProfileStore(resultsDir),
                ResultsIndex.writer(List.of(FleetReportView.indexSection(report, pngs))));
        written.add(publisher.reindex());
        return written;
    }
}
