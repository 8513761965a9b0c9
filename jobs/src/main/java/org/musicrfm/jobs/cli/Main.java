package org.musicrfm.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code musicrfm} command line: one subcommand per job. */
@Command(name = "musicrfm", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Steering MusicGen with Recursive Feature Machines, as Spark jobs.",
        subcommands = {DemoCommand.class, SynTheoryCommand.class, MusicBenchCommand.class, ExtractCommand.class,
                TrainCommand.class, ClassifyCommand.class, GenerateCommand.class, SteerCommand.class, SweepCommand.class,
                EvaluateCommand.class, ReportCommand.class, ModelCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@code --version}: the build's version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"musicrfm " + org.musicrfm.Version.get()};
        }
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            if (Boolean.getBoolean("musicrfm.stacktrace")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }
}
