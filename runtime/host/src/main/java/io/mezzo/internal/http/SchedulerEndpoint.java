package io.mezzo.internal.http;

import com.google.protobuf.DynamicMessage;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.master.CallResult;
import io.mezzo.internal.master.FrameworkStream;
import io.mezzo.internal.master.Master;
import io.mezzo.internal.master.SchedulerEvent;
import io.mezzo.internal.master.Subscription;
import io.mezzo.internal.wire.MesosSchema;
import io.mezzo.internal.wire.Msg;
import io.mezzo.internal.wire.ProtoBinary;
import io.mezzo.internal.wire.ProtoJson;
import io.mezzo.internal.security.Caller;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST /api/v1/scheduler}: the Mesos v1 Scheduler HTTP API, with Mesos's checks in
 * Mesos's order (shared/MESOS-API.md §2.4). SUBSCRIBE answers 200 with a RecordIO stream
 * (JSON or protobuf, as negotiated); other calls answer 202, or 4xx with a text message.
 */
final class SchedulerEndpoint {
    private static final Logger LOG = System.getLogger(SchedulerEndpoint.class.getName());
    static final String STREAM_ID = "Mesos-Stream-Id";
    static final int MAX_BODY = 16 * 1024 * 1024;
    private static final int MAX_QUEUED = 32 * 1024 * 1024;

    private final Master master;

    SchedulerEndpoint(Master master) {
        this.master = master;
    }

    void handle(HttpServerRequest request, Caller caller) {
        Optional<ApiRequests.Encoding> encoding = ApiRequests.check(request, true);
        if (encoding.isEmpty()) {
            return;
        }
        boolean protobuf = encoding.get() == ApiRequests.Encoding.PROTOBUF;
        Context context = Vertx.currentContext();
        Bodies.read(request, MAX_BODY).onSuccess(body -> {
            DynamicMessage parsed;
            try {
                parsed = protobuf ? ProtoBinary.parse(MesosSchema.SCHEDULER_CALL, body.getBytes(), MAX_BODY)
                        : ProtoJson.parse(MesosSchema.SCHEDULER_CALL, body.getBytes());
            } catch (IllegalArgumentException e) {
                Replies.text(request.response(), 400, "Failed to parse body into Call: " + e.getMessage());
                return;
            }
            SchedulerCallDecoder.Decoded decoded = SchedulerCallDecoder.decode(Msg.of(parsed));
            if (decoded instanceof SchedulerCallDecoder.Invalid invalid) {
                Replies.text(request.response(), 400, "Failed to validate scheduler::Call: " + invalid.message());
            } else if (decoded instanceof SchedulerCallDecoder.NotImplemented n) {
                Replies.text(request.response(), 501, n.message());
            } else if (decoded instanceof SchedulerCallDecoder.Subscribe s) {
                SchedulerCallDecoder.Decoded checked = SchedulerCallDecoder.authenticated(s, caller);
                if (checked instanceof SchedulerCallDecoder.Invalid invalid) {
                    Replies.text(request.response(), 400, "Failed to validate scheduler::Call: " + invalid.message());
                } else {
                    subscribe(request, context, (SchedulerCallDecoder.Subscribe) checked);
                }
            } else if (decoded instanceof SchedulerCallDecoder.Call c) {
                call(request, context, c, caller);
            }
        });
    }

    private void call(HttpServerRequest request, Context context, SchedulerCallDecoder.Call call, Caller caller) {
        String streamId = request.getHeader(STREAM_ID);
        if (streamId == null) {
            Replies.text(request.response(), 400, "All non-subscribe calls should include the '" + STREAM_ID
                    + "' header");
            return;
        }
        master.call(call.frameworkId(), streamId, call.call(), caller.principal()).whenComplete((result, failure) ->
                context.runOnContext(v -> {
                    if (failure != null) {
                        LOG.log(Level.ERROR, "scheduler call " + call.call().type() + " failed", failure);
                        Replies.text(request.response(), 503, "The master could not handle the call");
                    } else if (result instanceof CallResult.Accepted) {
                        Replies.empty(request.response(), 202);
                    } else if (result instanceof CallResult.Invalid r) {
                        Replies.text(request.response(), 400, r.message());
                    } else if (result instanceof CallResult.Forbidden r) {
                        Replies.text(request.response(), 403, r.message());
                    }
                }));
    }

    private void subscribe(HttpServerRequest request, Context context, SchedulerCallDecoder.Subscribe subscribe) {
        Optional<String> mediaType = MediaTypes.negotiate(request.getHeader("Accept"));
        if (mediaType.isEmpty()) {
            Replies.text(request.response(), 406, "Expecting 'Accept' to allow application/json or "
                    + "application/x-protobuf");
            return;
        }
        if (request.getHeader(STREAM_ID) != null) {
            Replies.text(request.response(), 400, "Subscribe calls should not include the '" + STREAM_ID + "' header");
            return;
        }
        String streamId = UUID.randomUUID().toString();
        request.response().putHeader(STREAM_ID, streamId);
        boolean json = mediaType.get().equals(MediaTypes.JSON);
        SchedulerEventEncoder encoder = new SchedulerEventEncoder(subscribe.request().info());
        Function<SchedulerEvent, byte[]> serialize = event -> {
            DynamicMessage message = encoder.encode(event);
            return json ? ProtoJson.write(message) : ProtoBinary.toBytes(message);
        };
        EventStream<SchedulerEvent> events = new EventStream<>(context, request.response(), mediaType.get(),
                MAX_QUEUED, serialize, "framework '" + subscribe.request().info().name() + "'");
        StreamClosure<FrameworkId> closure = new StreamClosure<>(id -> master.frameworkStreamClosed(id, streamId));
        request.response().closeHandler(v -> closure.closed());
        FrameworkStream stream = new FrameworkStream() {
            @Override
            public String streamId() {
                return streamId;
            }

            @Override
            public void send(SchedulerEvent event) {
                events.send(event);
            }

            @Override
            public void close() {
                events.close();
            }
        };
        master.subscribe(subscribe.request(), stream).whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.log(Level.ERROR, "subscription failed", failure);
                Replies.text(request.response(), 503, "The master could not handle the subscription");
            } else if (result instanceof Subscription.Subscribed s) {
                closure.owner(s.frameworkId());
            }
        }));
    }
}
