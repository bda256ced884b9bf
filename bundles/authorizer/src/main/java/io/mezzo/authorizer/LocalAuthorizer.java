package io.mezzo.authorizer;

import io.mezzo.spi.Authorization;
import io.mezzo.spi.AuthorizationException;
import io.mezzo.spi.AuthorizationSettings;
import io.mezzo.spi.Authorizer;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * Mesos's local authorizer: decides from the ACL JSON given as {@code --acls}, with Mesos's
 * matching rules (first matching entry decides, NONE denies, {@code permissive} when nothing
 * matches). Without ACLs it allows everything, as Mesos does.
 */
@Component(service = Authorizer.class, property = {"service.ranking:Integer=0", "mezzo.plugin.name=local"})
public final class LocalAuthorizer implements Authorizer {
    private static final System.Logger LOG = System.getLogger(LocalAuthorizer.class.getName());

    @Override
    public Authorization open(AuthorizationSettings settings) throws AuthorizationException {
        Optional<String> acls = settings.acls();
        if (acls.isEmpty()) {
            LOG.log(Level.INFO, "no ACLs given: every request is authorized");
            return new AclAuthorization(AclTable.ALLOW_ALL);
        }
        AclSource source = null;
        try {
            source = AclSource.resolve(acls.get());
            AclTable table = AclParser.parse(source.json());
            report(source, table);
            return new AclAuthorization(table);
        } catch (InvalidAclsException e) {
            String where = source == null ? "" : " in " + source.description();
            throw new AuthorizationException("invalid ACLs" + where + ": " + e.getMessage(), e);
        }
    }

    private static void report(AclSource source, AclTable table) {
        LOG.log(Level.INFO, () -> "loaded " + table.ruleCount() + " enforced ACL entries from "
                + source.description() + "; when none matches: " + (table.permissive() ? "allow" : "deny"));
        if (!table.unenforcedKeys().isEmpty()) {
            String keys = table.unenforcedKeys().stream().sorted()
                    .map(AclKey::jsonKey).collect(Collectors.joining(", "));
            LOG.log(Level.INFO, "ACL keys accepted but not enforced by Mezzo: " + keys);
        }
    }
}
