package io.mezzo.internal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mezzo.api.AgentId;
import io.mezzo.api.FrameworkId;
import io.mezzo.internal.model.AgentInfo;
import io.mezzo.internal.model.FrameworkInfo;
import io.mezzo.internal.model.TaskStatus;
import java.util.List;
import java.util.Optional;

/**
 * What an agent sends the master: {@code POST /api/v1/agent} with one of these as JSON
 * ({@code {"type":"REGISTER",...}}). See {@code docs/agent-api.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AgentCall.Register.class, name = "REGISTER"),
    @JsonSubTypes.Type(value = AgentCall.Update.class, name = "UPDATE"),
    @JsonSubTypes.Type(value = AgentCall.Heartbeat.class, name = "HEARTBEAT"),
    @JsonSubTypes.Type(value = AgentCall.Authenticate.class, name = "AUTHENTICATE"),
    @JsonSubTypes.Type(value = AgentCall.AuthenticateStep.class, name = "AUTHENTICATE_STEP"),
})
public sealed interface AgentCall permits AgentCall.Register, AgentCall.Update, AgentCall.Heartbeat,
        AgentCall.Authenticate, AgentCall.AuthenticateStep {

    /**
     * Opens the agent's event stream. A first registration has no {@code agentId}; a
     * re-registration (after a disconnection or a master failover) carries the id it was
     * given and every task it still knows, with the frameworks they belong to.
     */
    record Register(Optional<AgentId> agentId, AgentInfo agentInfo, List<FrameworkInfo> frameworks,
                    List<ReportedTask> tasks, String version) implements AgentCall {
        public Register {
            agentId = agentId == null ? Optional.empty() : agentId;
            if (agentInfo == null) {
                throw new IllegalArgumentException("REGISTER needs agent_info");
            }
            frameworks = frameworks == null ? List.of() : List.copyOf(frameworks);
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
            version = version == null ? "" : version;
        }
    }

    /** A task status update; the agent resends it until an ACKNOWLEDGE event names its uuid. */
    record Update(AgentId agentId, FrameworkId frameworkId, TaskStatus status) implements AgentCall {
        public Update {
            if (agentId == null || frameworkId == null || status == null) {
                throw new IllegalArgumentException("UPDATE needs agent_id, framework_id and status");
            }
            if (status.uuid().isEmpty()) {
                throw new IllegalArgumentException("UPDATE status needs a uuid");
            }
        }
    }

    /** Tells the master the agent is alive; sent every heartbeat interval. */
    record Heartbeat(AgentId agentId) implements AgentCall {
        public Heartbeat {
            if (agentId == null) {
                throw new IllegalArgumentException("HEARTBEAT needs agent_id");
            }
        }
    }

    /**
     * Begins a challenge–response exchange before REGISTER; answered with an
     * {@link AgentAuthentication.Reply} holding a session and the first challenge.
     */
    record Authenticate(String mechanism) implements AgentCall {
        public Authenticate {
            if (mechanism == null || mechanism.isBlank()) {
                throw new IllegalArgumentException("AUTHENTICATE needs a mechanism, e.g. CRAM-MD5");
            }
        }
    }

    /** The agent's Base64 answer to its session's last challenge. */
    record AuthenticateStep(String session, String response) implements AgentCall {
        public AuthenticateStep {
            if (session == null || session.isBlank() || response == null) {
                throw new IllegalArgumentException("AUTHENTICATE_STEP needs a session and a response");
            }
        }
    }
}
