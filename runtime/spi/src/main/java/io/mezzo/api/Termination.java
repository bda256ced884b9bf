package io.mezzo.api;

/**
 * How a task's process ended.
 *
 * <p>{@link Exited} carries the exit status, {@link Signaled} the number of the signal that
 * ended it. (The JDK reports a signaled child as status 128+N; launchers decode that, so a
 * command that itself calls {@code exit 143} reads as signal 15.) {@link Unknown} is for a
 * process the launcher did not start itself (recovered by pid), whose status the operating
 * system does not report to it.
 */
public sealed interface Termination permits Termination.Exited, Termination.Signaled, Termination.Unknown {

    /** A one-line description in Mesos's words, e.g. "Command exited with status 1". */
    String describe();

    boolean succeeded();

    record Exited(int status) implements Termination {
        @Override
        public String describe() {
            return "Command exited with status " + status;
        }

        @Override
        public boolean succeeded() {
            return status == 0;
        }
    }

    record Signaled(int signal) implements Termination {
        @Override
        public String describe() {
            return "Command terminated with signal " + signalName(signal);
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }

    record Unknown(String why) implements Termination {
        @Override
        public String describe() {
            return "Command terminated; exit status unknown (" + why + ")";
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /** Decodes a JDK exit value: values 129..192 mean the process died of signal value-128. */
    static Termination fromJdkExitValue(int exitValue) {
        return exitValue > 128 && exitValue <= 128 + 64
                ? new Signaled(exitValue - 128) : new Exited(exitValue);
    }

    /** The strsignal(3) wording Mesos prints for the common signals. */
    static String signalName(int signal) {
        switch (signal) {
            case 1: return "Hangup";
            case 2: return "Interrupt";
            case 3: return "Quit";
            case 6: return "Aborted";
            case 9: return "Killed";
            case 11: return "Segmentation fault";
            case 13: return "Broken pipe";
            case 14: return "Alarm clock";
            case 15: return "Terminated";
            default: return "Signal " + signal;
        }
    }
}
