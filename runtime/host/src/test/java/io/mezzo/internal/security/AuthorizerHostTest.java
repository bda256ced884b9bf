package io.mezzo.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mezzo.internal.container.PluginGuard;
import io.mezzo.internal.testkit.RuleAuthorizer;
import io.mezzo.internal.testkit.SwitchableAuthorizers;
import io.mezzo.spi.Action;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizerHostTest {
    static final AuthorizationSettings NO_ACLS = new AuthorizationSettings(Optional.empty());
    static final AuthorizationSettings ACLS = new AuthorizationSettings(Optional.of("/etc/mezzo/acls.json"));
    static final Optional<String> ALICE = Optional.of("alice");

    final PluginGuard guard = new PluginGuard();

    private AuthorizerHost open(AuthorizerSource source, AuthorizationSettings settings) {
        return AuthorizerHost.open(source, guard, settings, Runnable::run);
    }

    @Test
    void withoutPluginOrAclsEverythingIsAllowed() {
        try (AuthorizerHost host = open(AuthorizerSource.none(), NO_ACLS)) {
            assertThat(host.check(Optional.empty(), Action.TEARDOWN_FRAMEWORK, "")).isEqualTo(AuthorizationResult.ALLOWED);
            assertThat(host.currentName()).isEqualTo("none");
        }
    }

    @Test
    void aclsWithoutPluginFailEveryCheckInsteadOfAllowing() {
        try (AuthorizerHost host = open(AuthorizerSource.none(), ACLS)) {
            assertThat(host.check(ALICE, Action.RUN_TASK, "root"))
                    .isEqualTo(new AuthorizationResult.Failed("no authorizer plugin is installed to enforce --acls"));
        }
    }

    @Test
    void pluginIsOpenedWithTheAclsAndAskedTheQuestionAsGiven() {
        RuleAuthorizer rules = RuleAuthorizer.of((p, a, o) -> p.equals(ALICE) && a == Action.RUN_TASK && o.equals("web"));
        try (AuthorizerHost host = open(AuthorizerSource.fixed(rules.plugin("rules", 1)), ACLS)) {
            assertThat(rules.opened).containsExactly(ACLS);
            assertThat(host.check(ALICE, Action.RUN_TASK, "web")).isEqualTo(AuthorizationResult.ALLOWED);
            assertThat(host.check(ALICE, Action.RUN_TASK, "root")).isEqualTo(AuthorizationResult.DENIED);
            assertThat(host.check(Caller.ANONYMOUS, Action.RUN_TASK, "web")).isEqualTo(AuthorizationResult.DENIED);
            assertThat(rules.asked).containsExactly("alice|RUN_TASK|web", "alice|RUN_TASK|root", "-|RUN_TASK|web");
        }
    }

    @Test
    void pluginThatThrowsIsAFailureNeverAnAllow() {
        RuleAuthorizer broken = RuleAuthorizer.of((p, a, o) -> {
            if (a == Action.VIEW_TASK) {
                throw new AuthorizationException("ACL store unreachable");
            }
            throw new IllegalStateException("bug");
        });
        try (AuthorizerHost host = open(AuthorizerSource.fixed(broken.plugin("broken", 2)), ACLS)) {
            assertThat(host.check(ALICE, Action.VIEW_TASK, "u"))
                    .as("an AuthorizationException says why in the authorizer's words")
                    .isEqualTo(new AuthorizationResult.Failed("ACL store unreachable"));
            assertThat(host.check(ALICE, Action.RUN_TASK, "u")).isEqualTo(new AuthorizationResult.Failed(
                    "authorizer broken failed: java.lang.IllegalStateException: bug"));
        }
    }

    @Test
    void aclsThePluginRejectsStopTheStartWithItsMessage() {
        RuleAuthorizer strict = RuleAuthorizer.rejectingAcls("run_tasks[0].users.type: unknown entity type 'SOME'");
        assertThatThrownBy(() -> open(AuthorizerSource.fixed(strict.plugin("local", 3)), ACLS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--acls: run_tasks[0].users.type: unknown entity type 'SOME'");
    }

    @Test
    void swappingThePluginLiveChangesDecisionsAndClosesTheOldAuthorization() {
        RuleAuthorizer allowing = RuleAuthorizer.of((p, a, o) -> true);
        RuleAuthorizer denying = RuleAuthorizer.of((p, a, o) -> false);
        SwitchableAuthorizers slot = new SwitchableAuthorizers(Optional.of(allowing.plugin("allowing", 10)));
        try (AuthorizerHost host = open(slot, ACLS)) {
            assertThat(host.check(ALICE, Action.REGISTER_FRAMEWORK, "ads")).isEqualTo(AuthorizationResult.ALLOWED);

            slot.set(Optional.of(denying.plugin("denying", 11)));
            assertThat(host.check(ALICE, Action.REGISTER_FRAMEWORK, "ads")).isEqualTo(AuthorizationResult.DENIED);
            assertThat(host.currentName()).isEqualTo("denying");
            assertThat(denying.opened).containsExactly(ACLS);
            assertThat(allowing.closed).hasValue(1);

            slot.set(Optional.of(denying.plugin("denying", 11)));
            assertThat(denying.opened).as("the same service is not reopened").hasSize(1);

            slot.set(Optional.empty());
            assertThat(host.check(ALICE, Action.REGISTER_FRAMEWORK, "ads"))
                    .as("ACLs were given: the last plugin leaving is no licence to allow")
                    .isInstanceOf(AuthorizationResult.Failed.class);
            assertThat(denying.closed).hasValue(1);
        }
    }

    @Test
    void replacementThatCannotOpenTheAclsFailsChecksRatherThanAllowing() {
        RuleAuthorizer denying = RuleAuthorizer.of((p, a, o) -> false);
        SwitchableAuthorizers slot = new SwitchableAuthorizers(Optional.of(denying.plugin("denying", 20)));
        try (AuthorizerHost host = open(slot, ACLS)) {
            slot.set(Optional.of(RuleAuthorizer.rejectingAcls("cannot read /etc/mezzo/acls.json").plugin("v2", 21)));
            assertThat(host.check(ALICE, Action.UPDATE_WEIGHT, "ads"))
                    .isEqualTo(new AuthorizationResult.Failed("cannot read /etc/mezzo/acls.json"));
            assertThat(denying.closed).hasValue(1);
        }
    }

    @Test
    void noPluginAtStartAndOneArrivingLaterTakesOver() {
        SwitchableAuthorizers slot = new SwitchableAuthorizers(Optional.empty());
        try (AuthorizerHost host = open(slot, ACLS)) {
            assertThat(host.check(ALICE, Action.RUN_TASK, "u")).isInstanceOf(AuthorizationResult.Failed.class);
            slot.set(Optional.of(RuleAuthorizer.of((p, a, o) -> o.equals("u")).plugin("late", 30)));
            assertThat(host.check(ALICE, Action.RUN_TASK, "u")).isEqualTo(AuthorizationResult.ALLOWED);
            assertThat(host.check(ALICE, Action.RUN_TASK, "root")).isEqualTo(AuthorizationResult.DENIED);
        }
    }

    @Test
    void closingClosesTheAuthorizationAndLaterChecksFail() {
        RuleAuthorizer allowing = RuleAuthorizer.of((p, a, o) -> true);
        AuthorizerHost host = open(AuthorizerSource.fixed(allowing.plugin("allowing", 40)), ACLS);
        host.close();
        assertThat(allowing.closed).hasValue(1);
        assertThat(host.check(ALICE, Action.RUN_TASK, "u")).isInstanceOf(AuthorizationResult.Failed.class);
    }
}
