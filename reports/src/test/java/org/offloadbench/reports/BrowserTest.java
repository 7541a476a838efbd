package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens generated reports in a real browser at a laptop's width (1366 px). A report passes only when every
 * image loads, no script fails, no section is empty and nothing is wider than the window or its column (a
 * table whose last columns need a sideways scroll fails); the negative cases prove the check can fail. Skipped, with the reason, where
 * no Chromium is installed (CI installs Debian's chromium package).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrowserTest {
    @TempDir
    Path tmp;
    private HeadlessChromium chromium;

    @BeforeEach
    void findBrowser() {
        chromium = HeadlessChromium.find(tmp).orElse(null);
        Assumptions.assumeTrue(chromium != null,
                "headless Chromium not found (no $CHROMIUM, no chromium or chromium-browser on PATH); "
                        + "install Debian's chromium package to run the browser test");
    }

    @Test
    void fullReportLoadsCleanAndIsScreenshotted() throws Exception {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        Path index = new ReportRenderer().render(run);
        HeadlessChromium.Check check = chromium.check(index);
        assertTrue(check.clean(), "browser found problems: " + check);
        Path png = Path.of("target", "browser-test", "report.png");
        chromium.screenshot(index, png);
        assertTrue(Files.size(png) > 10_000, "a screenshot with something on it");
    }

    /**
     * Fourteen models from four families at a laptop's width: the trade-off matrix and every other table fit
     * the column, and the charts with more models than colours are small multiples.
     */
    @Test
    void aReportOfFourteenModelsFitsALaptopScreen() throws Exception {
        // kept under target/ (not the temp folder) so the page and its charts can be looked at after the test
        Path run = Path.of("target", "browser-test", "many-models-run");
        deleteRecursively(run);
        Fixtures.writeManyModelsRun(run);
        Path index = new ReportRenderer().render(run);
        HeadlessChromium.Check check = chromium.check(index);
        assertEquals(HeadlessChromium.LAPTOP_WIDTH, check.windowWidth(), "the window the page was checked in");
        assertTrue(check.clean(), "browser found problems: " + check);
        // and where the page's fonts are missing: DejaVu Sans, Debian's fallback, is much wider than Liberation
        // Sans or Arial, and was what pushed the trade-off matrix's last column out of view
        String html = Files.readString(index);
        String fallback = html.replaceFirst("body \\{([^}]*)font:15px/1\\.55 [^;]*;",
                "body {$1font:15px/1.55 \"DejaVu Sans\", sans-serif;");
        assertTrue(!fallback.equals(html), "the body's font rule was found and replaced");
        Path withFallback = index.resolveSibling("index-fallback-font.html");
        Files.writeString(withFallback, fallback);
        HeadlessChromium.Check fallbackCheck = chromium.check(withFallback);
        assertTrue(fallbackCheck.clean(), "with the fallback font: " + fallbackCheck);
        chromium.screenshot(index, Path.of("target", "browser-test", "many-models.png"), HeadlessChromium.LAPTOP_WIDTH,
                7000);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The overflow check can fail: a table with a long unbreakable line, and a page made wider than the window. */
    @Test
    void aTableWiderThanItsColumnAndAWidePageFailTheCheck() throws Exception {
        Path index = new ReportRenderer().render(Fixtures.writeInterruptedRun(tmp.resolve("run")));
        String html = Files.readString(index);
        html = html.replaceFirst("<td([^>]*)>", "<td$1><span style=\"white-space:nowrap\">" + "too wide ".repeat(60)
                + "</span>");
        html = html.replace("</main>", "</main><div style=\"width:3000px;height:4px\"></div>");
        Files.writeString(index, html);
        HeadlessChromium.Check check = chromium.check(index);
        assertEquals(2, check.overflow().size(), check.toString());
        assertTrue(check.overflow().get(0).startsWith("page: "), check.toString());
        assertTrue(check.overflow().get(1).contains(" px wide in "), check.toString());
        assertTrue(!check.clean());
    }

    @Test
    void incompleteReportLoadsClean() throws Exception {
        Path index = new ReportRenderer().render(Fixtures.writeInterruptedRun(tmp.resolve("run")));
        HeadlessChromium.Check check = chromium.check(index);
        assertTrue(check.clean(), "browser found problems: " + check);
    }

    @Test
    void compareReportLoadsClean() throws Exception {
        Path a = Fixtures.writeFullRun(tmp.resolve("a"));
        Path b = Fixtures.writeInterruptedRun(tmp.resolve("b"));
        Path page = new CompareRenderer().render(a, b, tmp.resolve("cmp"), false);
        HeadlessChromium.Check check = chromium.check(page);
        assertTrue(check.clean(), "browser found problems: " + check);
    }

    /** One page broken three ways, so one browser start proves each kind of failure is caught. */
    @Test
    void aDeletedChartAScriptErrorAndAnEmptySectionFailTheCheck() throws Exception {
        Path run = Fixtures.writeInterruptedRun(tmp.resolve("run"));
        Path index = new ReportRenderer().render(run);
        Files.delete(run.resolve("report/charts/overhead-round-trip.png"));
        String html = Files.readString(index);
        int start = html.indexOf("<section id=\"scaling\"");
        int body = html.indexOf("<div class=\"section-body\">", start) + "<div class=\"section-body\">".length();
        int end = html.indexOf("</section>", body);
        html = html.substring(0, body) + "</div>" + html.substring(end);
        html = html.replace("</body>", "<script>notDefinedAnywhere();</script></body>");
        Files.writeString(index, html);

        HeadlessChromium.Check check = chromium.check(index);
        assertEquals(List.of("charts/overhead-round-trip.png"), check.missingImages());
        assertEquals(List.of("scaling"), check.emptySections());
        assertEquals(1, check.errors().size(), check.toString());
        assertTrue(check.errors().get(0).contains("notDefinedAnywhere"), check.toString());
    }
}
