package io.mezzo.internal.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The packages the host class path offers to bundles, with versions: the value of
 * {@code org.osgi.framework.system.packages.extra}.
 *
 * <p>The list lives in one place, the build-filtered resource {@code host-exports.txt} next to
 * this class, so the container, its tests and the Pax Exam tests export exactly the same thing.
 */
public final class HostExports {
    private static final String RESOURCE = "host-exports.txt";
    private static final Pattern CLAUSE =
            Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*;version=\\d+(\\.\\d+){0,2}(\\.[\\w-]+)?");
    private static final List<String> PACKAGES = load();

    private HostExports() {
    }

    /** One {@code package;version=x.y.z} clause per exported package, in the file's order. */
    public static List<String> packages() {
        return PACKAGES;
    }

    /** The header value: every clause, comma-separated. */
    public static String systemPackagesExtra() {
        return String.join(",", PACKAGES);
    }

    private static List<String> load() {
        try (InputStream in = HostExports.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing next to "
                        + HostExports.class.getName() + "; the runtime jar is incomplete");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<String> parse(BufferedReader reader) throws IOException {
        List<String> clauses = new ArrayList<>();
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            int hash = line.indexOf('#');
            String clause = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (clause.isEmpty()) {
                continue;
            }
            if (!CLAUSE.matcher(clause).matches()) {
                // An unfiltered ${...} lands here: the resource was copied without Maven filtering.
                throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": '" + clause
                        + "' is not of the form package;version=1.2.3");
            }
            clauses.add(clause);
        }
        return List.copyOf(clauses);
    }
}
