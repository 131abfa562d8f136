package io.tessera.replication.api;

/** A parsed {@code host:port}. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static HostPort parse(String address) {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address must be host:port: " + address);
        }
        try {
            return new HostPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port: " + address, e);
        }
    }

    @Override
    public String toString() { return host + ":" + port; }
}
