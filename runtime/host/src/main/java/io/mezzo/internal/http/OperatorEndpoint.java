package io.mezzo.internal.http;

import com.google.protobuf.DynamicMessage;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.hosting.HostedFrameworks;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.MasterSnapshot;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.Msg;
import io.mezzo.internal.wire.MsgBuilder;
import io.mezzo.internal.wire.ProtoBinary;
import io.mezzo.internal.wire.ProtoJson;
import io.mezzo.internal.security.AuthorizedView;
import io.mezzo.internal.security.Caller;
import io.mezzo.spi.Action;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v1}: the v1 operator API. Mezzo answers GET_HEALTH, GET_VERSION,
 * GET_MASTER, GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS, GET_ROLES, GET_WEIGHTS and
 * GET_QUOTA, applies UPDATE_WEIGHTS and UPDATE_QUOTA (200, or 400 with the reason) and
 * TEARDOWN (200; 400 for an unknown framework, as Mesos answers); every other call type is a
 * 501 naming it, never a silent success. Authorization as Mesos's: UPDATE_WEIGHTS and
 * UPDATE_QUOTA need {@code update_weights} / {@code update_quotas} for every role they name,
 * TEARDOWN {@code teardown_frameworks} for the framework's principal (403 otherwise); reads
 * show only the frameworks, tasks and quotas the caller may see ({@link AuthorizedView}); an
 * authorizer that cannot decide makes the call a 503.
 */
final class OperatorEndpoint {
    private static final Logger LOG = System.getLogger(OperatorEndpoint.class.getName());
    private static final Set<String> READS = Set.of("GET_HEALTH", "GET_VERSION", "GET_MASTER", "GET_STATE",
            "GET_AGENTS", "GET_FRAMEWORKS", "GET_TASKS", "GET_ROLES", "GET_WEIGHTS", "GET_QUOTA");
    private static final Set<String> UPDATES = Set.of("UPDATE_WEIGHTS", "UPDATE_QUOTA");

    private static final com.google.protobuf.Descriptors.Descriptor WEIGHT_INFO =
            MesosSchema.OPERATOR_RESPONSE.findNestedTypeByName("GetWeights").findFieldByName("weight_infos")
                    .getMessageType();

    private final Master master;
    private final String version;
    private final Optional<HostedFrameworks> hosted;

    OperatorEndpoint(Master master, String version, Optional<HostedFrameworks> hosted) {
        this.master = master;
        this.version = version;
        this.hosted = hosted;
    }

    void handle(HttpServerRequest request, Caller caller) {
        Optional<ApiRequests.Encoding> encoding = ApiRequests.check(request, true);
        if (encoding.isEmpty()) {
            return;
        }
        boolean protobuf = encoding.get() == ApiRequests.Encoding.PROTOBUF;
        Optional<String> accept = MediaTypes.negotiate(request.getHeader("Accept"));
        if (accept.isEmpty()) {
            Replies.text(request.response(), 406, "Expecting 'Accept' to allow application/json or "
                    + "application/x-protobuf");
            return;
        }
        Context context = Vertx.currentContext();
        Bodies.read(request, SchedulerEndpoint.MAX_BODY).onSuccess(body -> {
            Msg call;
            try {
                call = Msg.of(protobuf ? ProtoBinary.parse(MesosSchema.OPERATOR_CALL, body.getBytes())
                        : ProtoJson.parse(MesosSchema.OPERATOR_CALL, body.getBytes()));
            } catch (IllegalArgumentException e) {
                Replies.text(request.response(), 400, "Failed to parse body into Call: " + e.getMessage());
                return;
            }
            if (!call.has("type")) {
                Replies.text(request.response(), 400, "Failed to validate master::Call: Expecting 'type' to be present");
                return;
            }
            String type = call.enumName("type");
            if (UPDATES.contains(type)) {
                update(request, type, call, caller, context);
                return;
            }
            if (type.equals("TEARDOWN")) {
                teardown(request, call, caller, context);
                return;
            }
            if (!READS.contains(type)) {
                java.util.TreeSet<String> known = new java.util.TreeSet<>(READS);
                known.addAll(UPDATES);
                known.add("TEARDOWN");
                Replies.text(request.response(), 501, "Operator call " + type + " is not implemented by Mezzo yet;"
                        + " implemented: " + String.join(", ", known));
                return;
            }
            master.snapshot().whenComplete((snapshot, failure) -> context.runOnContext(v -> {
                if (failure != null) {
                    LOG.log(Level.ERROR, "operator call " + type + " failed", failure);
                    Replies.text(request.response(), 503, "The master could not answer " + type);
                    return;
                }
                Optional<MasterSnapshot> visible = AuthorizationReplies.visible(request.response(),
                        AuthorizedView.frameworksAndQuotas(snapshot, caller, master.authorizer()));
                if (visible.isEmpty()) {
                    return;
                }
                DynamicMessage response = respond(type, visible.get());
                byte[] bytes = accept.get().equals(MediaTypes.JSON) ? ProtoJson.write(response)
                        : ProtoBinary.toBytes(response);
                request.response().setStatusCode(200).putHeader("Content-Type", accept.get()).end(Buffer.buffer(bytes));
            }));
        });
    }

    /**
     * Parses the update, asks whether the caller may change each role it names (403 naming
     * the first refused role), then hands it to the master.
     */
    private void update(HttpServerRequest request, String type, Msg call, Caller caller, Context context) {
        OperatorUpdates.Update update;
        try {
            update = OperatorUpdates.parse(type, call, master);
        } catch (IllegalArgumentException e) {
            Replies.text(request.response(), 400, "Failed to validate master::Call: " + e.getMessage());
            return;
        }
        for (String role : update.roles()) {
            if (!AuthorizationReplies.allowed(request.response(),
                    master.authorizer().check(caller, update.action(), role),
                    () -> "Not authorized to " + type + " for role '" + role + "' as " + caller)) {
                return;
            }
        }
        update.apply().get().whenComplete((refusal, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "operator call " + type + " failed", failure);
                Replies.text(request.response(), 503, "The master could not apply " + type);
            } else if (refusal.isPresent()) {
                Replies.text(request.response(), 400, "Failed to validate master::Call: " + refusal.get());
            } else {
                Replies.empty(request.response(), 200);
            }
        }));
    }

    /**
     * Removes the framework (its tasks are killed) once {@code teardown_frameworks} allows the
     * caller to, for the framework's principal. A hosted script running it is stopped first,
     * so it ends as stopped by the operator rather than failing when its framework disappears.
     */
    private void teardown(HttpServerRequest request, Msg call, Caller caller, Context context) {
        Optional<String> id = call.optionalMessage("teardown").flatMap(t -> t.optionalMessage("framework_id"))
                .flatMap(f -> f.optionalString("value"));
        if (id.isEmpty() || id.get().isEmpty()) {
            Replies.text(request.response(), 400,
                    "Failed to validate master::Call: Expecting 'teardown.framework_id' to be present");
            return;
        }
        FrameworkId frameworkId;
        try {
            frameworkId = new FrameworkId(id.get());
        } catch (IllegalArgumentException e) {
            // Thrown here, in a body callback, it would leave the request unanswered.
            Replies.text(request.response(), 400, "Failed to validate master::Call: " + e.getMessage());
            return;
        }
        master.snapshot().whenComplete((snapshot, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "operator call TEARDOWN failed", failure);
                Replies.text(request.response(), 503, "The master could not apply TEARDOWN");
                return;
            }
            Optional<MasterSnapshot.FrameworkView> known = snapshot.frameworks().stream()
                    .filter(f -> f.id().equals(frameworkId)).findFirst();
            boolean hostedOnly = known.isEmpty() && hosted.map(h -> h.list().stream().anyMatch(s ->
                    !s.state().ended() && s.frameworkId().equals(Optional.of(frameworkId.value())))).orElse(false);
            if (known.isEmpty() && !hostedOnly) {
                Replies.text(request.response(), 400, "No framework found with specified ID");
                return;
            }
            // A framework without a principal (or a hosted script's not subscribed yet) is
            // asked about with the empty one, which only an ANY entry matches, as in Mesos.
            String principal = known.flatMap(f -> f.info().principal()).orElse("");
            if (AuthorizationReplies.allowed(request.response(),
                    master.authorizer().check(caller, Action.TEARDOWN_FRAMEWORK, principal),
                    () -> "Not authorized to tear down framework " + frameworkId.value() + " as " + caller)) {
                tearDown(request, frameworkId, context);
            }
        }));
    }

    private void tearDown(HttpServerRequest request, FrameworkId id, Context context) {
        boolean scriptStopped = hosted.flatMap(h -> h.stopByFrameworkId(id.value(), "torn down by the operator"))
                .isPresent();
        master.teardown(id).whenComplete((removed, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "operator call TEARDOWN failed", failure);
                Replies.text(request.response(), 503, "The master could not apply TEARDOWN");
            } else if (removed || scriptStopped) {
                Replies.empty(request.response(), 200);
            } else {
                Replies.text(request.response(), 400, "No framework found with specified ID");
            }
        }));
    }

    private DynamicMessage respond(String type, MasterSnapshot s) {
        MsgBuilder response = MsgBuilder.of(MesosSchema.OPERATOR_RESPONSE).set("type", type);
        String field = type.toLowerCase(Locale.ROOT);
        switch (type) {
            case "GET_HEALTH":
                response.with(field, b -> b.set("healthy", true));
                break;
            case "GET_VERSION":
                response.with(field, b -> b.with("version_info", vi -> vi.set("version", version)));
                break;
            case "GET_MASTER":
                response.with(field, b -> b.set("master_info", SchedulerEventEncoder.masterInfo(s.info()))
                        .set("start_time", seconds(s.startTime()))
                        .set("elected_time", seconds(s.electedTime())));
                break;
            case "GET_AGENTS":
                response.with(field, b -> OperatorResponses.agents(b, s));
                break;
            case "GET_FRAMEWORKS":
                response.with(field, b -> OperatorResponses.frameworks(b, s));
                break;
            case "GET_TASKS":
                response.with(field, b -> OperatorResponses.tasks(b, s));
                break;
            case "GET_ROLES":
                response.with(field, b -> OperatorResponses.roles(b, s));
                break;
            case "GET_WEIGHTS":
                response.with(field, b -> s.weights().forEach((role, weight) -> b.add("weight_infos",
                        MsgBuilder.of(WEIGHT_INFO).set("role", role).set("weight", weight))));
                break;
            case "GET_QUOTA":
                response.with(field, b -> b.with("status", st -> OperatorResponses.quotas(st, s)));
                break;
            case "GET_STATE":
                response.with(field, b -> b
                        .with("get_tasks", t -> OperatorResponses.tasks(t, s))
                        .with("get_executors", e -> { })
                        .with("get_frameworks", f -> OperatorResponses.frameworks(f, s))
                        .with("get_agents", a -> OperatorResponses.agents(a, s)));
                break;
            default:
                throw new AssertionError(type);
        }
        return response.build();
    }

    private static double seconds(java.time.Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
