package dev.flopcal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The JVM options file is the one definition: the pom's test and compiler options follow it (the launcher's:
 * {@code LauncherTest}).
 */
class ForkJvmTest {
    private static final String OPTIONS_FILE = "src/main/resources/dev/flopcal/jvm.options";

    @Test
    void theOptionsFileNamesTheVectorApiNativeAccessAndQuietUnsafe() {
        assertEquals(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"), ForkJvm.options());
    }

    @Test
    void optionsAreReadAsJavaReadsAnArgumentFile() {
        assertEquals(List.of("--a=b", "--c", "d", "-Xe"), ForkJvm.parse("# about\n  --a=b   # why\n\n--c d\n-Xe"));
    }

    @Test
    void theTestJvmsGetEveryOptionFromTheFile() throws Exception {
        // surefire's argLine passes the file as an @argument file
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(ForkJvm.options()),
                ManagementFactory.getRuntimeMXBean().getInputArguments().toString());
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        assertTrue(pom.getElementsByTagName("jvm.options.file").item(0).getTextContent().endsWith("/" + OPTIONS_FILE));
        String argLine = pom.getElementsByTagName("argLine").item(0).getTextContent();
        assertTrue(argLine.contains("\"@${jvm.options.file}\""), argLine);
        for (String option : ForkJvm.options()) {
            assertFalse(argLine.contains(option.split("=")[0]), "the argLine repeats " + option + ": " + argLine);
        }
    }

    @Test
    void javacGetsTheFilesModuleOption() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String module = pom.getElementsByTagName("vector.module").item(0).getTextContent();
        assertEquals(ForkJvm.options().stream().filter(o -> o.startsWith("--add-modules")).toList(), List.of(module));
        NodeList args = pom.getElementsByTagName("arg");
        List<String> compilerArgs = new ArrayList<>();
        for (int i = 0; i < args.getLength(); i++) {
            compilerArgs.add(args.item(i).getTextContent());
        }
        assertTrue(compilerArgs.contains("${vector.module}"), compilerArgs.toString());
    }
}
