package io.mezzo.internal.js;

import org.graalvm.polyglot.Source;

/**
 * The JS that runs before a framework script in its context. It removes what a shell-like
 * global scope offers, sets up CommonJS's {@code module}/{@code exports} and {@code console},
 * keeps the {@link ScriptBridge} in a closure (scripts never see it), builds {@code ctx} (with the
 * {@code hdfs} object {@link HdfsScript} made), and
 * returns the runtime object Java drives: {@code describe()} validates the export,
 * {@code dispatch(callback, json)} runs one callback.
 */
final class Prelude {
    static final String NAME = "mezzo-prelude.js";

    private static final String TEXT = """
            (function (bridge, paramsJson, hdfs) {
              'use strict';
              const g = globalThis;
              const parse = JSON.parse, stringify = JSON.stringify;
              for (const name of ['load', 'loadWithNewGlobal', 'quit', 'exit', 'print', 'printErr', 'read',
                  'readbuffer', 'readline', 'require', 'Graal', 'Polyglot', 'Java', 'Packages', 'java', 'javax',
                  'javafx', 'com', 'org', 'edu']) {
                try { delete g[name]; } catch (e) { /* not configurable: left to the context's limits */ }
              }
              function show(v) {
                if (typeof v === 'string') return v;
                if (v instanceof Error) return v.stack || String(v);
                try { const s = stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
              }
              const text = (args) => args.map(show).join(' ');
              const info = (...args) => bridge.log(text(args));
              const warn = (...args) => bridge.warn(text(args));
              g.console = Object.freeze({ log: info, info: info, debug: info, warn: warn, error: warn });
              const module = { exports: {} };
              g.module = module;
              g.exports = module.exports;

              function answer(json) {
                const a = parse(json);
                if (a.error !== undefined) throw (a.type === 'TypeError' ? new TypeError(a.error) : new Error(a.error));
                return a.value;
              }
              function offerId(action, offer) {
                if (typeof offer === 'string') return offer;
                if (offer !== null && typeof offer === 'object' && typeof offer.id === 'string') return offer.id;
                throw new TypeError(action + ': the first argument must be an offer or an offer id');
              }
              function json(action, v) {
                const s = stringify(v === undefined ? null : v);
                if (s === undefined) throw new TypeError(action + ': the argument cannot be turned into JSON');
                return s;
              }
              let frameworkId;
              const ctx = Object.freeze({
                params: Object.freeze(parse(paramsJson)),
                get frameworkId() { return frameworkId; },
                hdfs,
                launch(offer, tasks, options) {
                  return answer(bridge.launch(offerId('launch', offer), json('launch', tasks), json('launch', options)));
                },
                decline(offer, options) { answer(bridge.decline(offerId('decline', offer), json('decline', options))); },
                kill(taskId) {
                  if (typeof taskId !== 'string') throw new TypeError('kill: taskId must be a string');
                  answer(bridge.kill(taskId));
                },
                revive() { answer(bridge.revive()); },
                suppress() { answer(bridge.suppress()); },
                reconcile() { answer(bridge.reconcile()); },
                acknowledge(status) {
                  const id = status !== null && typeof status === 'object' ? status.taskId : status;
                  if (typeof id !== 'string') throw new TypeError('acknowledge: pass the status given to update');
                  return answer(bridge.acknowledge(id));
                },
                finish(result) { answer(bridge.finish(json('finish', result))); },
                fail(reason) {
                  if (typeof reason !== 'string' || reason === '') throw new TypeError('fail: reason must be a non-empty string');
                  answer(bridge.fail(reason));
                },
                log: info,
              });

              const KEYS = ['name', 'roles', 'failoverTimeout', 'autoAcknowledge', 'subscribed', 'offers', 'update',
                'rescind', 'failure', 'error'];
              const CALLBACKS = ['subscribed', 'offers', 'update', 'rescind', 'failure', 'error'];
              let fw;
              function problem() {
                const e = module.exports;
                if (e === null || typeof e !== 'object') {
                  return 'module.exports must be an object describing the framework, not ' + (e === null ? 'null' : typeof e);
                }
                const unknown = Object.keys(e).filter((k) => !KEYS.includes(k));
                if (unknown.length > 0) return 'unknown keys in module.exports: ' + unknown.join(', ') + ' (known: ' + KEYS.join(', ') + ')';
                if (typeof e.name !== 'string' || e.name.length === 0) return 'name must be a non-empty string';
                if (e.roles !== undefined && (!Array.isArray(e.roles) || e.roles.length === 0
                    || !e.roles.every((r) => typeof r === 'string' && r.length > 0))) {
                  return 'roles must be a non-empty array of non-empty strings';
                }
                if (e.failoverTimeout !== undefined && !(typeof e.failoverTimeout === 'number' && e.failoverTimeout >= 0)) {
                  return 'failoverTimeout must be a number of seconds >= 0';
                }
                if (e.autoAcknowledge !== undefined && typeof e.autoAcknowledge !== 'boolean') {
                  return 'autoAcknowledge must be true or false';
                }
                if (typeof e.offers !== 'function') return 'offers must be a function (offers, ctx)';
                for (const c of CALLBACKS) {
                  if (e[c] !== undefined && typeof e[c] !== 'function') return c + ' must be a function';
                }
                return undefined;
              }
              return Object.freeze({
                describe() {
                  const p = problem();
                  if (p !== undefined) return stringify({ problem: p });
                  fw = module.exports;
                  return stringify({ name: fw.name, roles: fw.roles === undefined ? ['*'] : fw.roles,
                    failoverTimeout: fw.failoverTimeout, autoAcknowledge: fw.autoAcknowledge !== false });
                },
                dispatch(callback, argJson) {
                  const arg = parse(argJson);
                  if (callback === 'subscribed') frameworkId = arg;
                  if (typeof fw[callback] !== 'function') return;
                  if (callback === 'subscribed') fw.subscribed(ctx);
                  else fw[callback](arg, ctx);
                },
              });
            })
            """;

    private Prelude() {
    }

    static Source source() {
        return Source.newBuilder("js", TEXT, NAME).cached(true).buildLiteral();
    }
}
