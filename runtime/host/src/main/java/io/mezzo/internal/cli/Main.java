package io.mezzo.internal.cli;

import io.mezzo.internal.runtime.LogSetup;
import io.mezzo.internal.runtime.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mezzo}: the command line. */
@Command(name = "mezzo", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A cluster resource manager in the model of Apache Mesos.%n",
        subcommands = {LocalCommand.class, MasterCommand.class, AgentCommand.class, RunCommand.class,
                SubmitCommand.class, TeardownCommand.class, StateCommand.class, ClusterCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"%nRun 'mezzo help <command>' for a command's options. Flags also accept Mesos's snake_case names"
                + " (--work_dir)."})
public final class Main implements Runnable {

    @Option(names = {"--log-level", "--log_level"}, defaultValue = "INFO", scope = CommandLine.ScopeType.INHERIT,
            description = "Mezzo's log level: ERROR, WARN, INFO, DEBUG or TRACE (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionStrategy(parsed -> {
            Main main = parsed.asCommandLineList().get(0).getCommand();
            LogSetup.configure(LogSetup.level(main.logLevel));
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mezzo: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mezzo " + Version.VALUE};
        }
    }
}
