// Runs many Liquibase command lines in ONE JVM (tests/src/tools.rs): a JVM start per command
// made the tool test take minutes. Each stdin line is one command: its arguments separated by
// tabs, exactly the arguments of the `liquibase` command the README prints, plus
// `--search-path=<package dir>` (the launcher's working directory). The command's output is
// written to stdout, then a line `\u0001<exit code>`. Same code path as the launcher:
// `liquibase-core.jar`'s LiquibaseLauncher ends in LiquibaseCommandLine.execute(args).
import java.io.*;
import java.nio.charset.StandardCharsets;

public class LiquibaseBatch {
    public static void main(String[] argv) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            String[] args = line.split("\t");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(buf, true, "UTF-8");
            System.setOut(capture);
            System.setErr(capture);
            int code;
            try {
                code = new liquibase.integration.commandline.LiquibaseCommandLine().execute(args);
            } catch (Throwable t) {
                t.printStackTrace(capture);
                code = 99;
            }
            capture.flush();
            out.print(buf.toString("UTF-8").replace('\u0001', '?'));
            out.println();
            out.println("\u0001" + code);
        }
    }
}
