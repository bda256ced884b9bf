package io.mezzo.internal.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The Mesos v1 message types Mezzo speaks, taken from the descriptors embedded in
 * {@code org.apache.mesos:mesos:1.11.0}. Only {@code getDescriptor()} of the generated
 * classes is used: their own parsing code predates protobuf 22 and is flagged as vulnerable,
 * so every message goes through {@link com.google.protobuf.DynamicMessage} instead.
 *
 * <p>All lookups happen once, when this class initializes; a missing name (a different
 * mesos jar on the class path) fails right there with the name that is missing.
 */
public final class MesosSchema {
    private static final FileDescriptor V1 = org.apache.mesos.v1.Protos.getDescriptor();
    private static final FileDescriptor SCHEDULER = org.apache.mesos.v1.scheduler.Protos.getDescriptor();
    private static final FileDescriptor MASTER = org.apache.mesos.v1.master.Protos.getDescriptor();
    private static final FileDescriptor EXECUTOR = org.apache.mesos.v1.executor.Protos.getDescriptor();

    // mesos.v1.scheduler: the scheduler HTTP API.
    public static final Descriptor SCHEDULER_CALL = message(SCHEDULER, "Call");
    public static final Descriptor SCHEDULER_EVENT = message(SCHEDULER, "Event");
    public static final Descriptor SCHEDULER_RESPONSE = message(SCHEDULER, "Response");
    public static final Descriptor OFFER_CONSTRAINTS = message(SCHEDULER, "OfferConstraints");

    // mesos.v1.master: the operator API.
    public static final Descriptor OPERATOR_CALL = message(MASTER, "Call");
    public static final Descriptor OPERATOR_RESPONSE = message(MASTER, "Response");
    public static final Descriptor OPERATOR_EVENT = message(MASTER, "Event");

    // mesos.v1.executor: the executor HTTP API.
    public static final Descriptor EXECUTOR_CALL = message(EXECUTOR, "Call");
    public static final Descriptor EXECUTOR_EVENT = message(EXECUTOR, "Event");

    // mesos.v1: identifiers ({"value": "..."}).
    public static final Descriptor FRAMEWORK_ID = message(V1, "FrameworkID");
    public static final Descriptor OFFER_ID = message(V1, "OfferID");
    public static final Descriptor AGENT_ID = message(V1, "AgentID");
    public static final Descriptor TASK_ID = message(V1, "TaskID");
    public static final Descriptor EXECUTOR_ID = message(V1, "ExecutorID");
    public static final Descriptor CONTAINER_ID = message(V1, "ContainerID");
    public static final Descriptor OPERATION_ID = message(V1, "OperationID");
    public static final Descriptor UUID = message(V1, "UUID");

    // mesos.v1: frameworks, offers, tasks.
    public static final Descriptor FRAMEWORK_INFO = message(V1, "FrameworkInfo");
    public static final Descriptor FRAMEWORK_CAPABILITY = message(V1, "FrameworkInfo.Capability");
    public static final Descriptor OFFER = message(V1, "Offer");
    public static final Descriptor OFFER_OPERATION = message(V1, "Offer.Operation");
    public static final Descriptor INVERSE_OFFER = message(V1, "InverseOffer");
    public static final Descriptor FILTERS = message(V1, "Filters");
    public static final Descriptor TASK_INFO = message(V1, "TaskInfo");
    public static final Descriptor TASK_GROUP_INFO = message(V1, "TaskGroupInfo");
    public static final Descriptor TASK = message(V1, "Task");
    public static final Descriptor TASK_STATUS = message(V1, "TaskStatus");
    public static final Descriptor COMMAND_INFO = message(V1, "CommandInfo");
    public static final Descriptor COMMAND_URI = message(V1, "CommandInfo.URI");
    public static final Descriptor ENVIRONMENT = message(V1, "Environment");
    public static final Descriptor ENVIRONMENT_VARIABLE = message(V1, "Environment.Variable");
    public static final Descriptor EXECUTOR_INFO = message(V1, "ExecutorInfo");
    public static final Descriptor CONTAINER_INFO = message(V1, "ContainerInfo");
    public static final Descriptor CONTAINER_STATUS = message(V1, "ContainerStatus");
    public static final Descriptor NETWORK_INFO = message(V1, "NetworkInfo");
    public static final Descriptor IP_ADDRESS = message(V1, "NetworkInfo.IPAddress");
    public static final Descriptor HEALTH_CHECK = message(V1, "HealthCheck");
    public static final Descriptor KILL_POLICY = message(V1, "KillPolicy");
    public static final Descriptor LABELS = message(V1, "Labels");
    public static final Descriptor LABEL = message(V1, "Label");
    public static final Descriptor OPERATION = message(V1, "Operation");
    public static final Descriptor OPERATION_STATUS = message(V1, "OperationStatus");

    // mesos.v1: resources and attributes.
    public static final Descriptor RESOURCE = message(V1, "Resource");
    public static final Descriptor ALLOCATION_INFO = message(V1, "Resource.AllocationInfo");
    public static final Descriptor RESERVATION_INFO = message(V1, "Resource.ReservationInfo");
    public static final Descriptor ATTRIBUTE = message(V1, "Attribute");
    public static final Descriptor VALUE_SCALAR = message(V1, "Value.Scalar");
    public static final Descriptor VALUE_RANGES = message(V1, "Value.Ranges");
    public static final Descriptor VALUE_RANGE = message(V1, "Value.Range");
    public static final Descriptor VALUE_SET = message(V1, "Value.Set");
    public static final Descriptor VALUE_TEXT = message(V1, "Value.Text");

    // mesos.v1: cluster members and bookkeeping.
    public static final Descriptor MASTER_INFO = message(V1, "MasterInfo");
    public static final Descriptor MASTER_CAPABILITY = message(V1, "MasterInfo.Capability");
    public static final Descriptor AGENT_INFO = message(V1, "AgentInfo");
    public static final Descriptor AGENT_CAPABILITY = message(V1, "AgentInfo.Capability");
    public static final Descriptor ADDRESS = message(V1, "Address");
    public static final Descriptor URL = message(V1, "URL");
    public static final Descriptor DOMAIN_INFO = message(V1, "DomainInfo");
    public static final Descriptor TIME_INFO = message(V1, "TimeInfo");
    public static final Descriptor DURATION_INFO = message(V1, "DurationInfo");
    public static final Descriptor VERSION_INFO = message(V1, "VersionInfo");
    public static final Descriptor FLAG = message(V1, "Flag");
    public static final Descriptor METRIC = message(V1, "Metric");
    public static final Descriptor ROLE = message(V1, "Role");
    public static final Descriptor WEIGHT_INFO = message(V1, "WeightInfo");
    public static final Descriptor DRAIN_INFO = message(V1, "DrainInfo");

    private MesosSchema() {}

    /**
     * The message type of a message field, e.g. {@code fieldType(SCHEDULER_CALL, "subscribe")}
     * for {@code Call.Subscribe}.
     */
    public static Descriptor fieldType(Descriptor type, String field) {
        FieldDescriptor descriptor = FieldIndex.of(type).require(field);
        if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            throw new IllegalArgumentException(type.getFullName() + "." + field + " is not a message field");
        }
        return descriptor.getMessageType();
    }

    /** A message of {@code file} by its dotted name inside the package ({@code "Offer.Operation"}). */
    static Descriptor message(FileDescriptor file, String dottedName) {
        String[] parts = dottedName.split("\\.");
        Descriptor type = file.findMessageTypeByName(parts[0]);
        for (int i = 1; type != null && i < parts.length; i++) {
            type = type.findNestedTypeByName(parts[i]);
        }
        if (type == null) {
            throw new IllegalStateException("the Mesos schema (" + file.getName() + ") has no message "
                    + file.getPackage() + "." + dottedName
                    + "; Mezzo needs the descriptors of org.apache.mesos:mesos:1.11.0");
        }
        return type;
    }
}
