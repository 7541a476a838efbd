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
 * Opens generated reports in a real browser. A report passes only when every image loads, no script fails
 * and no section is empty; the negative cases prove the check can fail. Skipped, with the reason, where
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
