package dev.nabla.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One `nabla` invocation through {@link NablaCli#commandLine()} with stdout and stderr captured (test helper). */
record CliRun(int code, String out, String err) {

    static CliRun run(String... args) {
        CommandLine cl = NablaCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
