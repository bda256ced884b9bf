#!/usr/bin/env node
// Runs one command task through the third-party Mesos v1 scheduler client `mesos-framework`
// (npm, tobilg/mesos-framework) against a Mesos-compatible master, using the library the way
// its README and examples/commandScheduler.js do: a `tasks` map handed to its Scheduler, whose
// built-in OFFERS and UPDATE handlers accept an offer, launch the task and acknowledge updates.
//
//   node run-task.js <master-url> [--name <framework name>] [--timeout <seconds>]
//                    [--trace <file>] [--log-dir <dir>]
//
// The task runs `echo compat-ok; echo "HOST=$HOST"`: the library gives every task a HOST
// variable taken from the offer's url.address.ip.
//
// Exit 0 once the task is TASK_FINISHED and every update carrying a uuid was acknowledged
// with 202; exit 1 on a failed task (TASK_FAILED, TASK_ERROR, TASK_LOST, ...), on any error the
// library reports (a non-202 answer to a call, an ERROR event, an event it cannot handle, the
// subscription closing), or when nothing finished within the timeout. Either way the last
// line on stdout is one JSON object: {"outcome", "reason"?, "frameworkId", "taskId",
// "agentId", "states"}. --trace writes every HTTP exchange the library makes (request head
// and body, response head, and each response chunk as it arrived) to a file.
"use strict";

var fs = require("fs");
var http = require("http");
var os = require("os");
var path = require("path");

var COMMAND = 'echo compat-ok; echo "HOST=$HOST"';
var FAILED_STATES = ["TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED",
    "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN"];

function parseArgs(argv) {
    var args = { name: "mezzo-compat-mesos-framework", timeoutSeconds: 60, trace: null,
        logDir: path.join(process.cwd(), "logs") };
    var rest = argv.slice(2);
    while (rest.length > 0) {
        var arg = rest.shift();
        if (arg === "--name") {
            args.name = rest.shift();
        } else if (arg === "--timeout") {
            args.timeoutSeconds = Number(rest.shift());
        } else if (arg === "--trace") {
            args.trace = rest.shift();
        } else if (arg === "--log-dir") {
            args.logDir = rest.shift();
        } else if (!args.master) {
            args.master = new URL(arg);
        } else {
            throw new Error("unexpected argument '" + arg + "'");
        }
    }
    if (!args.master) {
        throw new Error("usage: node run-task.js <master-url> [--name <framework name>] [--timeout <seconds>] [--trace <file>] [--log-dir <dir>]");
    }
    if (!(args.timeoutSeconds > 0)) {
        throw new Error("--timeout must be a positive number of seconds");
    }
    return args;
}

var args;
try {
    args = parseArgs(process.argv);
} catch (e) {
    console.error(e.message);
    process.exit(64);
}

// The library's file logger (winston-daily-rotate-file) dies if its directory is missing.
fs.mkdirSync(args.logDir, { recursive: true });
if (args.trace) {
    traceHttp(args.trace);
}

// Required after traceHttp, so that the library's http.request is the traced one.
var Scheduler = require("mesos-framework").Scheduler;
var Mesos = require("mesos-framework").Mesos.getMesos();

var result = { outcome: null, frameworkId: null, taskId: null, agentId: null, states: [] };
var acknowledgementsExpected = 0;
var acknowledgementsSent = 0;
var finished = false;

var scheduler = new Scheduler({
    masterUrl: args.master.hostname,
    port: args.master.port || 5050,
    frameworkName: args.name,
    // The library's default user is "root"; a real framework names the user its tasks run as.
    user: os.userInfo().username,
    // The library's default (10 s) is shorter than the 15 s heartbeat interval that Mesos
    // itself uses, so on a quiet stream it would drop and re-subscribe against real Mesos too.
    masterConnectionTimeout: 45,
    // A finished task must not be relaunched (that is also the library's default).
    restartStates: ["TASK_FAILED", "TASK_LOST", "TASK_ERROR"],
    logging: { path: args.logDir, fileName: "mesos-framework.log", level: "info" },
    tasks: {
        compat: {
            priority: 1,
            instances: 1,
            commandInfo: new Mesos.CommandInfo(
                null,    // uris
                null,    // environment
                true,    // shell
                COMMAND, // value
                null,    // arguments
                null     // user
            ),
            resources: { cpus: 0.1, mem: 32, ports: 0, disk: 0 }
        }
    }
});

scheduler.on("ready", function () {
    scheduler.subscribe();
});

scheduler.on("subscribed", function (subscribed) {
    result.frameworkId = subscribed.frameworkId;
    progress("subscribed as " + subscribed.frameworkId + " (stream " + subscribed.mesosStreamId + ")");
});

scheduler.on("offers", function (offers) {
    progress("offers: " + offers.offers.map(function (offer) { return offer.id.value; }).join(", "));
});

// Emitted after the library's own UPDATE handler, which has already sent the ACKNOWLEDGE.
scheduler.on("update", function (update) {
    var status = update.status;
    progress("update: " + status.task_id.value + " " + status.state
        + (status.reason ? " " + status.reason : "") + (status.message ? " (" + status.message + ")" : ""));
    if (status.uuid) {
        acknowledgementsExpected++;
    }
    result.taskId = status.task_id.value;
    result.agentId = status.agent_id ? status.agent_id.value : null;
    result.states.push(status.state);
    if (FAILED_STATES.indexOf(status.state) > -1) {
        fail("task " + status.task_id.value + " ended " + status.state
            + (status.reason ? " (" + status.reason + ")" : "") + (status.message ? ": " + status.message : ""));
    } else if (status.state === "TASK_FINISHED") {
        finished = true;
        succeedOnceAcknowledged();
    }
});

scheduler.on("sent_acknowledge", function () {
    acknowledgementsSent++;
    succeedOnceAcknowledged();
});

scheduler.on("error", function (error) {
    fail("mesos-framework reported an error: " + describe(error));
});

setTimeout(function () {
    fail("no TASK_FINISHED within " + args.timeoutSeconds + " s");
}, args.timeoutSeconds * 1000).unref();

// Keeps the event loop alive until an outcome, whatever the library's sockets do.
var keepAlive = setInterval(function () {}, 1000);

function succeedOnceAcknowledged() {
    if (finished && acknowledgementsSent >= acknowledgementsExpected) {
        finish(0, "TASK_FINISHED");
    }
}

function fail(reason) {
    result.reason = reason;
    finish(1, "failed");
}

function finish(code, outcome) {
    if (result.outcome !== null) {
        return;
    }
    result.outcome = outcome;
    clearInterval(keepAlive);
    process.stdout.write(JSON.stringify(result) + "\n", function () {
        process.exit(code);
    });
}

function progress(message) {
    process.stderr.write("run-task: " + message + "\n");
}

function describe(error) {
    if (typeof error === "string") {
        return error;
    }
    if (error && error.message) {
        return error.message;
    }
    return JSON.stringify(error);
}

/**
 * Wraps http.request so that every exchange is appended to `file`: the request line, headers
 * and body as written, then the response status and headers and each body chunk with its
 * length, in arrival order. Chunk boundaries matter: mesos-framework parses a RecordIO
 * record only when it arrives whole in one chunk.
 */
function traceHttp(file) {
    var out = fs.openSync(file, "a");
    var counter = 0;
    var original = http.request;
    function log(id, text) {
        fs.writeSync(out, "[" + new Date().toISOString() + "] #" + id + " " + text + "\n");
    }
    http.request = function (options, callback) {
        var id = ++counter;
        var body = [];
        var request = original.call(http, options, function (response) {
            log(id, "<<< " + response.statusCode + " " + response.statusMessage + " "
                + JSON.stringify(response.headers));
            response.on("data", function (chunk) {
                log(id, "<<< chunk (" + Buffer.byteLength(chunk) + " bytes) " + JSON.stringify(String(chunk)));
            });
            response.on("end", function () {
                log(id, "<<< end");
            });
            if (callback) {
                callback(response);
            }
        });
        var write = request.write;
        request.write = function (data) {
            body.push(String(data));
            return write.apply(request, arguments);
        };
        var end = request.end;
        request.end = function (data) {
            if (data) {
                body.push(String(data));
            }
            log(id, ">>> " + (options.method || "GET") + " http://" + options.host + ":" + options.port
                + options.path + " " + JSON.stringify(options.headers || {}) + " " + body.join(""));
            return end.apply(request, arguments);
        };
        request.on("error", function (e) {
            log(id, "!!! " + e.message);
        });
        return request;
    };
}
