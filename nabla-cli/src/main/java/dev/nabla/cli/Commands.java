package dev.nabla.cli;

import picocli.CommandLine;

/** The list of subcommands; each command class registers here (one line each). */
final class Commands {
    private Commands() {}

    static void register(CommandLine cl) {
        // one addSubcommand line per command, in the order `nabla --help` lists them
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new WalkthroughCommand());
        cl.addSubcommand(new ExerciseCommand());
        cl.addSubcommand(new ExplainCommand());
        cl.addSubcommand(new GraphCommand());
        cl.addSubcommand(new GradcheckCommand());
        cl.addSubcommand(new DiagnoseCommand());
        cl.addSubcommand(new TrainCommand());
        cl.addSubcommand(new EvaluateCommand());
        cl.addSubcommand(new PredictCommand());
        cl.addSubcommand(new LrSweepCommand());
        cl.addSubcommand(new BenchCommand());
    }
}
