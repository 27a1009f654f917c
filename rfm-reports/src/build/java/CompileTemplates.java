import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Compiles every {@code .jrxml} of a directory to a {@code .jasper} file of the same name, at build time (run by
 * exec-maven-plugin with Java's single-file launcher): the product loads compiled templates only and needs no Java
 * compiler at run time. Usage: {@code java -cp <compile class path> CompileTemplates.java <jrxml dir> <out dir>}.
 */
public class CompileTemplates {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        List<Path> templates;
        try (Stream<Path> files = Files.list(in)) {
            templates = files.filter(f -> f.toString().endsWith(".jrxml")).sorted().toList();
        }
        for (Path template : templates) {
            Path target = out.resolve(template.getFileName().toString().replace(".jrxml", ".jasper"));
            if (upToDate(template, target)) continue;
            JasperCompileManager.compileReportToFile(template.toString(), target.toString());
            System.out.println("[CompileTemplates] " + template.getFileName() + " -> " + target);
        }
    }

    private static boolean upToDate(Path template, Path target) throws IOException {
        return Files.exists(target)
                && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(template)) > 0;
    }
}
