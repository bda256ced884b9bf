package io.mezzo.internal.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one class logs through System.Logger (backed by java.util.logging here). */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger; // held strongly: JUL keeps loggers only weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> source) {
        return of(source.getName());
    }

    /** For a class this test cannot see (package-private elsewhere). */
    public static LogCapture of(String className) {
        return new LogCapture(Logger.getLogger(className));
    }

    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    /** Records at {@code level} whose message contains {@code text}. */
    public List<LogRecord> at(Level level, String text) {
        return at(level).stream().filter(r -> r.getMessage().contains(text)).toList();
    }

    public List<LogRecord> all() {
        return List.copyOf(records);
    }

    /** The messages at {@code level}, with their parameters filled in. */
    public List<String> messages(Level level) {
        return at(level).stream().map(LogCapture::text).toList();
    }

    private static String text(LogRecord r) {
        Object[] params = r.getParameters();
        return params == null ? r.getMessage() : MessageFormat.format(r.getMessage(), params);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
