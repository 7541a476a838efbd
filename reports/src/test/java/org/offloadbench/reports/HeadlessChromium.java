package org.offloadbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives Debian's headless Chromium: opens a page from disk, lets it run, and reads back the self-check
 * the page writes into {@code <body data-check>}. Every flag that keeps Chromium off the network and out of
 * the user's profile is set; the process is killed if it outlives its timeout.
 */
final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;
    private final Path binary;
    private final Path scratch;

    /** A laptop's screen: the report must fit it without scrolling sideways. */
    static final int LAPTOP_WIDTH = 1366;

    /**
     * What the page found wrong: script errors, images that did not load, sections with nothing in them,
     * and what was wider than the window or its box (a table whose last columns need a sideways scroll).
     *
     * @param windowWidth the width the page saw, CSS px
     */
    record Check(List<String> errors, List<String> missingImages, List<String> emptySections, List<String> overflow,
                 int windowWidth) {
        boolean clean() {
            return errors.isEmpty() && missingImages.isEmpty() && emptySections.isEmpty() && overflow.isEmpty();
        }
    }

    private HeadlessChromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The browser named by $CHROMIUM, else chromium or chromium-browser on the PATH. */
    static Optional<HeadlessChromium> find(Path scratch) {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(dir + "/chromium");
                candidates.add(dir + "/chromium-browser");
            }
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .map(p -> new HeadlessChromium(p, scratch));
    }

    /** Opens the page at a laptop's width ({@value #LAPTOP_WIDTH} px) and reads its self-check. */
    Check check(Path page) throws IOException, InterruptedException {
        return check(page, LAPTOP_WIDTH);
    }

    Check check(Path page, int windowWidth) throws IOException, InterruptedException {
        String dom = run(List.of("--virtual-time-budget=5000", "--window-size=" + windowWidth + ",900",
                "--hide-scrollbars", "--dump-dom", page.toUri().toString()));
        Matcher m = Pattern.compile("data-check=\"([^\"]*)\"").matcher(dom);
        if (!m.find()) {
            throw new AssertionError("the page never finished its self-check (no data-check on <body>); DOM starts: "
                    + dom.substring(0, Math.min(300, dom.length())));
        }
        String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        JsonNode node = new ObjectMapper().readTree(json);
        return new Check(strings(node.get("errors")), strings(node.get("missingImages")), strings(node.get("emptySections")),
                strings(node.get("overflow")), node.path("width").asInt(-1));
    }

    void screenshot(Path page, Path png) throws IOException, InterruptedException {
        screenshot(page, png, 1280, 6000);
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(List.of("--virtual-time-budget=5000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(args);
        Path stdout = Files.createTempFile(scratch, "chromium", ".out");
        Path stderr = Files.createTempFile(scratch, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            // never leave a browser behind, whatever happened above
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
