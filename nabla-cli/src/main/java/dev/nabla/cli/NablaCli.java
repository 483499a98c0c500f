package dev.nabla.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code nabla} command: the entry point that wires every subcommand, turns bad arguments into a
 * usage message with exit code 2 and runtime failures into a one-line error with exit code 1 (a stack
 * trace only with {@code --verbose}).
 */
@Command(name = "nabla", mixinStandardHelpOptions = true, version = "nabla 0.1.0",
        description = {"∇ Nabla: deep learning for the JVM — tensors, autograd, nn, optim,",
                "and tools that show every number of forward and backward propagation.", ""},
        subcommands = {CommandLine.HelpCommand.class},
        footer = {"", "Start with:  nabla demo    then  nabla walkthrough    then  nabla help <command>"})
public final class NablaCli implements Runnable {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Builds the configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NablaCli());
        Commands.register(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("nabla: " + ex.getMessage());
            c.usage(err);
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            boolean verbose = parsed.matchedOptionValue("--verbose", false) || Boolean.getBoolean("nabla.verbose");
            if (ex instanceof UsageException) {
                err.println("nabla " + c.getCommandName() + ": " + ex.getMessage());
                c.usage(err);
                return 2;
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("nabla " + c.getCommandName() + ": error: " + msg);
            if (verbose) ex.printStackTrace(err);
            else err.println("(run with --verbose for the stack trace)");
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
