package io.mezzo.internal.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The script side of {@code ctx.hdfs} / {@code task.hdfs}: a frozen object over a
 * {@link HdfsBridge} kept in a closure. Arguments are checked here, answers parsed and errors
 * thrown as {@code TypeError} / {@code Error} with the HDFS failure's {@code kind}
 * ({@code NOT_FOUND}, {@code ALREADY_EXISTS}, ...) as a property. Frameworks and JS tasks
 * share it, so both have the same API.
 */
public final class HdfsScript {
    static final String NAME = "mezzo-hdfs.js";

    private static final String TEXT = """
            (function (bridge) {
              'use strict';
              const parse = JSON.parse;
              function answer(json) {
                const a = parse(json);
                if (a.error !== undefined) {
                  const e = a.type === 'TypeError' ? new TypeError(a.error) : new Error(a.error);
                  if (a.kind !== undefined) e.kind = a.kind;
                  throw e;
                }
                return a.value;
              }
              function path(action, p) {
                if (typeof p !== 'string') throw new TypeError('hdfs.' + action + ': the path must be a string');
                return p;
              }
              const uri = bridge.uri();
              return Object.freeze({
                uri: uri === null || uri === undefined ? null : String(uri),
                list(p) { return answer(bridge.list(path('list', p))); },
                read(p) { return answer(bridge.read(path('read', p))); },
                write(p, text, overwrite) {
                  if (typeof text !== 'string') throw new TypeError('hdfs.write: the text must be a string');
                  if (overwrite !== undefined && typeof overwrite !== 'boolean') {
                    throw new TypeError('hdfs.write: overwrite must be true or false');
                  }
                  return answer(bridge.write(path('write', p), text, overwrite === true));
                },
                exists(p) { return answer(bridge.exists(path('exists', p))); },
                mkdirs(p) { return answer(bridge.mkdirs(path('mkdirs', p))); },
                delete(p, recursive) {
                  if (recursive !== undefined && typeof recursive !== 'boolean') {
                    throw new TypeError('hdfs.delete: recursive must be true or false');
                  }
                  return answer(bridge.delete(path('delete', p), recursive === true));
                },
              });
            })
            """;

    private HdfsScript() {
    }

    /** The {@code hdfs} object for a script of {@code context}, over {@code bridge}. */
    public static Value create(Context context, HdfsBridge bridge) {
        return context.eval(Source.newBuilder("js", TEXT, NAME).internal(true).cached(true).buildLiteral())
                .execute(bridge);
    }
}
