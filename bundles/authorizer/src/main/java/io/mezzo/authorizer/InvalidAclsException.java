package io.mezzo.authorizer;

/** ACL JSON that Mezzo cannot read; the message starts with the JSON path of the bad value. */
final class InvalidAclsException extends Exception {
    InvalidAclsException(String message) {
        super(message);
    }

    static InvalidAclsException at(String path, String problem) {
        return new InvalidAclsException(path + ": " + problem);
    }
}
