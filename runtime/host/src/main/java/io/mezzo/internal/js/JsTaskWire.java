package io.mezzo.internal.js;

/**
 * How a JavaScript task travels from a framework to the agent that runs it, and what the agent
 * does with it. Both sides use these names; {@code docs/js-frameworks.md} describes them.
 *
 * <ul>
 *   <li>The {@code TaskInfo} carries the label {@link #LABEL_KEY}{@code =}{@link #LABEL_VALUE}
 *       and, in {@code data}, a UTF-8 JSON object {@code {"script": <relative path>, "source":
 *       <the script's text>, "args": <any JSON>}}. Its {@code command} is
 *       {@code {"shell": false, "value": "mezzo-js-task", "arguments": ["mezzo-js-task", <script>]}},
 *       which a Mezzo agent replaces by the JS task runner (another agent would fail to find
 *       {@code mezzo-js-task}, which is the honest outcome).</li>
 *   <li>The agent writes {@link #SCRIPT_FILE} and {@link #ARGS_FILE} into the task's sandbox
 *       and runs {@link #MAIN_CLASS} in a new JVM there, with the agent's own class path:
 *       {@code java ... io.mezzo.internal.js.task.JsTaskMain task.js args.json result.json error.txt [script name]} (the optional script name, e.g. {@code tasks/x.js}, is what stack traces show).</li>
 *   <li>Exit 0: the task is {@code TASK_FINISHED} and the status's {@code data} is the bytes of
 *       {@link #RESULT_FILE} (the JSON of the script's return value). Otherwise
 *       {@code TASK_FAILED}, with the text of {@link #ERROR_FILE} (the JS error and its stack)
 *       as the status's message.</li>
 * </ul>
 */
public final class JsTaskWire {
    public static final String LABEL_KEY = "io.mezzo.task";
    public static final String LABEL_VALUE = "js";
    public static final String COMMAND = "mezzo-js-task";
    public static final String MAIN_CLASS = "io.mezzo.internal.js.task.JsTaskMain";
    public static final String SCRIPT_FILE = "task.js";
    public static final String ARGS_FILE = "args.json";
    public static final String RESULT_FILE = "result.json";
    public static final String ERROR_FILE = "error.txt";
    /** The longest status message the agent takes from {@link #ERROR_FILE}. */
    public static final int MAX_ERROR_CHARS = 4096;

    private JsTaskWire() {
    }
}
