package io.mezzo.launcher;

/** The two signals a launcher sends: a request to stop, and the one that cannot be refused. */
enum Signal {
    TERM,
    KILL;

    /** Delivers this signal to one process through the JDK; the fallback when {@code kill} cannot run. */
    void deliverTo(ProcessHandle process) {
        switch (this) {
            case TERM:
                process.destroy();
                break;
            case KILL:
                process.destroyForcibly();
                break;
        }
    }
}
