package io.mezzo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserAccountsTest {

    @Test
    void passwdLineGivesNameUidAndPrimaryGroup() {
        assertThat(UserAccounts.parse("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"))
                .contains(new UserAccounts.Account("nobody", 65534, 65534));
    }

    @Test
    void malformedPasswdLineIsNoAccount() {
        assertThat(UserAccounts.parse("nobody:x:65534")).isEmpty();
        assertThat(UserAccounts.parse("nobody:x:abc:65534:::")).isEmpty();
    }

    @Test
    void getentAndEtcPasswdAgreeOnRoot() throws Exception {
        UserAccounts.Account root = new UserAccounts.Account("root", 0, 0);
        assertThat(new UserAccounts(HostTools.locate().getent()).find("root")).contains(root);
        assertThat(new UserAccounts(Optional.empty()).find("root")).contains(root);
    }

    @Test
    void unknownUserIsNotFoundEitherWay() throws Exception {
        assertThat(new UserAccounts(HostTools.locate().getent()).find("mezzo-no-such-user")).isEmpty();
        assertThat(new UserAccounts(Optional.empty()).find("mezzo-no-such-user")).isEmpty();
    }
}
