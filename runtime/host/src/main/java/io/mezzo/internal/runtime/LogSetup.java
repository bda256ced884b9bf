package io.mezzo.internal.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One-line log records on standard error: {@code 2026-11-24 05:31:02.123 INFO  master: ...}.
 * Mezzo logs at the chosen level; the libraries under it only warnings.
 */
public final class LogSetup {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /**
     * The loggers given a level, held strongly: java.util.logging keeps loggers only weakly, and
     * a collected {@code io.mezzo} logger takes its level with it (Mezzo's INFO lines would then
     * vanish after the first garbage collection).
     */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    private LogSetup() {}

    public static void configure(Level mezzoLevel) {
        LogManager.getLogManager().reset();
        CONFIGURED.clear();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        Logger mezzo = Logger.getLogger("io.mezzo");
        mezzo.setLevel(mezzoLevel);
        CONFIGURED.add(mezzo);
        for (String quiet : new String[] {"com.hazelcast", "io.netty", "io.vertx", "org.apache.felix"}) {
            Logger logger = Logger.getLogger(quiet);
            logger.setLevel(Level.WARNING);
            CONFIGURED.add(logger);
        }
    }

    /** JUL level names for {@code --log-level}: ERROR, WARN, INFO, DEBUG, TRACE. */
    public static Level level(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR": return Level.SEVERE;
            case "WARN": case "WARNING": return Level.WARNING;
            case "INFO": return Level.INFO;
            case "DEBUG": return Level.FINE;
            case "TRACE": return Level.FINEST;
            default:
                throw new IllegalArgumentException("unknown log level '" + name + "' (ERROR, WARN, INFO, DEBUG, TRACE)");
        }
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = logger.substring(logger.lastIndexOf('.') + 1);
            StringBuilder out = new StringBuilder()
                    .append(TIME.format(r.getInstant())).append(' ')
                    .append(padded(name(r.getLevel()))).append(' ')
                    .append(shortName).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                out.append(trace);
            }
            return out.toString();
        }

        /** The level name left-aligned in five columns (String.format parses its pattern on every call). */
        private static String padded(String level) {
            return level.length() >= 5 ? level : level + " ".repeat(5 - level.length());
        }

        private static String name(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (level.intValue() >= Level.INFO.intValue()) {
                return "INFO";
            }
            return "DEBUG";
        }
    }
}
