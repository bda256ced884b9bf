package io.mezzo.internal.js.task;

/**
 * The JavaScript that stands between a task script and the JVM, evaluated as an internal
 * source (its frames stay out of the script's stack traces). It builds the frozen {@code task}
 * object over {@link TaskBridge} (with the {@code hdfs} object of {@code HdfsScript}), sets up CommonJS {@code module.exports}, and runs the exported
 * function: its return value, or what its promise resolves to, is recorded as JSON, a throw
 * as the error's stack.
 */
final class TaskPrelude {
    static final String NAME = "mezzo-task-prelude.js";

    static final String SOURCE = """
            (function (bridge, hdfs) {
              const show = (v) => {
                if (typeof v === 'string') return v;
                if (v instanceof Error) return String(v.stack || v);
                try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
              };
              const host = (f) => {
                try { return f(); } catch (e) {
                  if (e instanceof Error) throw e;
                  throw new Error(String(e.getMessage()));
                }
              };
              const task = Object.freeze({
                readText: (path) => host(() => bridge.readText(String(path))),
                readLines: (path) => {
                  const text = host(() => bridge.readText(String(path)));
                  const lines = text.split(/\\r?\\n/);
                  if (lines[lines.length - 1] === '') lines.pop();
                  return lines;
                },
                writeText: (path, text) => { host(() => bridge.writeText(String(path), String(text))); },
                log: (...args) => { bridge.log(args.map(show).join(' ')); },
                env: (name) => { const v = bridge.env(String(name)); return v == null ? undefined : v; },
                sandbox: bridge.sandbox(),
                taskId: bridge.taskId(),
                hdfs,
              });
              globalThis.module = { exports: {} };
              globalThis.exports = globalThis.module.exports;
              return {
                exported: () => globalThis.module.exports,
                run: (fn, argsJson) => {
                  const box = { done: false };
                  // The script's frames only; where GraalJS gives a character range instead of a
                  // column (errors raised through the bridge), the line alone.
                  const clean = (stack) => String(stack).split('\\n')
                      .filter((line) => !line.includes('mezzo-task-prelude.js'))
                      .map((line) => line.replace(/:(\\d+):\\d+-\\d+\\)$/, ':$1)'))
                      .join('\\n');
                  const fail = (e) => {
                    box.done = true;
                    box.error = e instanceof Error ? clean(e.stack || e) : 'Uncaught ' + show(e);
                  };
                  const succeed = (v) => {
                    try {
                      const json = JSON.stringify(v);
                      box.result = json === undefined ? 'null' : json;
                      box.done = true;
                    } catch (e) { fail(e); }
                  };
                  try {
                    const value = fn(JSON.parse(argsJson), task);
                    if (value instanceof Promise) value.then(succeed, fail); else succeed(value);
                  } catch (e) { fail(e); }
                  return box;
                },
              };
            })
            """;

    private TaskPrelude() {}
}
