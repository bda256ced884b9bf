package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mezzo.internal.json.MezzoJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Host a framework script on the master: uploads the script and the *.js files below its"
                + " directory (its task scripts; at most 200 files, 1 MiB) and returns at once.",
                "Prints the hosted id, the script and its state (e.g. \"hosted-1 pi.js RUNNING\"); see it in /state"
                        + " under hosted_frameworks, stop it with 'mezzo teardown hosted-1'. Exits 2 when the master"
                        + " refuses the script (e.g. a syntax error, named by file and line)."},
        footer = {"%nExample:  mezzo submit scripts/frameworks/pi.js --master http://127.0.0.1:5050 --param tasks=8"})
final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The framework script (e.g. pi.js).")
    Path file;

    @Option(names = "--master", required = true, split = ",", paramLabel = "URL",
            description = "The master's URL, e.g. http://127.0.0.1:5050; repeat for several (the first that answers).")
    List<String> masters = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter the script reads as ctx.params.NAME (a string); repeat for more.")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    MasterAccess access;

    @Override
    public Integer call() throws Exception {
        ScriptBundle bundle = ScriptBundle.of(file);
        MasterClient.Answer answer = access.client(masters).post("/mezzo/frameworks", bundle.request(params));
        switch (answer.status()) {
            case 201 -> {
                JsonNode view = MezzoJson.mapper().readTree(answer.body());
                System.out.println(view.path("id").asText() + " " + view.path("script").asText() + " "
                        + view.path("state").asText());
                return 0;
            }
            case 400 -> {
                System.err.println("mezzo: the master refused " + bundle.name() + ": " + answer.body());
                return 2;
            }
            case 401 -> {
                System.err.println("mezzo: the master at " + answer.master() + " needs credentials (--credential FILE): "
                        + answer.body());
                return 1;
            }
            case 404 -> {
                System.err.println("mezzo: the master at " + answer.master() + " does not host scripts (" + answer.body()
                        + ")");
                return 1;
            }
            default -> {
                System.err.println("mezzo: the master at " + answer.master() + " answered " + answer.status() + ": "
                        + answer.body());
                return 1;
            }
        }
    }
}
