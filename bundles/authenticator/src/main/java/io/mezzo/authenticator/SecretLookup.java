package io.mezzo.authenticator;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;

/**
 * Answers the JDK's CRAM-MD5 server: the name it read from the client's response, the secret
 * to check that response against, and whether the authenticated principal may act as itself
 * (only as itself, and only when the credentials know it).
 */
final class SecretLookup implements CallbackHandler {
    private final Credentials credentials;

    SecretLookup(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String name = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback named) {
                // The server offers the name from the response as the default; we take it.
                name = named.getDefaultName();
                named.setName(name);
            } else if (callback instanceof PasswordCallback password) {
                password.setPassword(credentials.passwordFor(name == null ? "" : name));
            } else if (callback instanceof AuthorizeCallback authorize) {
                String id = authorize.getAuthenticationID();
                boolean self = id != null && id.equals(authorize.getAuthorizationID());
                authorize.setAuthorized(self && credentials.knows(id));
                authorize.setAuthorizedID(id);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
