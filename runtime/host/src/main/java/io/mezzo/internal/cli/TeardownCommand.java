package io.mezzo.internal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mezzo.internal.json.MezzoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Stop a framework: its tasks are killed and it is removed.",
                "ID is a framework id (as in /state) or a hosted script's id (hosted-N, as 'mezzo submit' printed);"
                        + " tearing down a hosted script's framework stops the script too."})
final class TeardownCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "A framework id or a hosted id (hosted-N).")
    String id;

    @Option(names = "--master", required = true, split = ",", paramLabel = "URL",
            description = "The master's URL, e.g. http://127.0.0.1:5050.")
    List<String> masters = new ArrayList<>();

    @Mixin
    MasterAccess access;

    @Override
    public Integer call() throws Exception {
        MasterClient client = access.client(masters);
        if (isHostedId(id)) {
            MasterClient.Answer a = client.post("/mezzo/frameworks/stop",
                    MezzoJson.mapper().createObjectNode().put("id", id));
            if (a.status() == 200) {
                System.out.println("Stopped " + id + " (" + MezzoJson.mapper().readTree(a.body()).path("script").asText()
                        + ")");
                return 0;
            }
            System.err.println(a.status() == 404 ? "mezzo: the master at " + a.master() + " hosts no script '" + id
                    + "' (see hosted_frameworks in /state)" : "mezzo: the master answered " + a.status() + ": " + a.body());
            return 1;
        }
        ObjectNode call = MezzoJson.mapper().createObjectNode().put("type", "TEARDOWN");
        call.putObject("teardown").putObject("framework_id").put("value", id);
        MasterClient.Answer a = client.post("/api/v1", call);
        if (a.status() == 200) {
            System.out.println("Tore down framework " + id);
            return 0;
        }
        System.err.println(a.status() == 400 && a.body().contains("No framework found")
                ? "mezzo: the master at " + a.master() + " knows no framework '" + id + "' (see frameworks in /state)"
                : "mezzo: the master answered " + a.status() + ": " + a.body());
        return 1;
    }

    static boolean isHostedId(String id) {
        return id.matches("hosted-[0-9]+");
    }
}
