package org.offloadbench.reports.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders the Mustache templates in {@code templates/} on the classpath; every value is HTML-escaped. */
public final class Templates {
    private final DefaultMustacheFactory factory = new DefaultMustacheFactory("templates");

    public void render(String template, Object view, Path target) throws IOException {
        Mustache mustache = factory.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, view).flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, out.toString(), StandardCharsets.UTF_8);
    }
}
