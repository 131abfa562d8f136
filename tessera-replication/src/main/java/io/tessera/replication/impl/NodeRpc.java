package io.tessera.replication.impl;

import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ratis.thirdparty.io.grpc.CallOptions;
import org.apache.ratis.thirdparty.io.grpc.ManagedChannel;
import org.apache.ratis.thirdparty.io.grpc.MethodDescriptor;
import org.apache.ratis.thirdparty.io.grpc.ServerServiceDefinition;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelBuilder;
import org.apache.ratis.thirdparty.io.grpc.stub.ClientCalls;
import org.apache.ratis.thirdparty.io.grpc.stub.ServerCalls;
import org.apache.ratis.thirdparty.io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-to-node RPC on the Raft port: one gRPC service added to Ratis' own gRPC server (through its
 * services customizer), with one generic unary method. Request: {@code varint nameLength ++ name ++
 * payload}; reply: a {@link Frames} envelope (ok ++ payload, or SQLSTATE ++ message ++ detail), so
 * a handler's SqlException reaches the caller unchanged. Rejected alternative: a second gRPC server
 * on its own port, which every node would have to configure, open and advertise.
 */
final class NodeRpc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRpc.class);
    static final String SERVICE = "tessera.NodeRpc";
    /** Longest method name; names are short constants chosen by the layers that register them. */
    static final int METHOD_NAME_BYTES_MAX = 256;

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private final Map<String, Function<byte[], byte[]>> handlers = new ConcurrentHashMap<>();
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    private final int messageBytesMax;
    private volatile boolean closed;

    NodeRpc(long timeoutMillis, int messageBytesMax) {
        this.timeoutMillis = timeoutMillis;
        this.messageBytesMax = messageBytesMax;
    }

    void register(String method, Function<byte[], byte[]> handler) {
        if (method.isEmpty() || method.getBytes(StandardCharsets.UTF_8).length > METHOD_NAME_BYTES_MAX) {
            throw new IllegalArgumentException("RPC method names are 1 to " + METHOD_NAME_BYTES_MAX + " bytes: " + method);
        }
        handlers.put(method, handler);
    }

    /** The service to add to the Raft server's gRPC server. */
    ServerServiceDefinition service() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(CALL, ServerCalls.asyncUnaryCall(this::serve))
                .build();
    }

    private void serve(byte[] request, StreamObserver<byte[]> reply) {
        byte[] frame;
        try {
            ByteReader r = new ByteReader(request);
            int nameLength = (int) r.getVarint();
            if (nameLength < 1 || nameLength > METHOD_NAME_BYTES_MAX) {
                throw new SqlException(SqlState.PROTOCOL_VIOLATION, "malformed node RPC request");
            }
            String method = new String(r.get(nameLength), StandardCharsets.UTF_8);
            Function<byte[], byte[]> handler = handlers.get(method);
            if (handler == null) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "node RPC method " + method + " is not served here");
            }
            frame = Frames.ok(handler.apply(r.get(request.length - r.position())));
        } catch (SqlException e) {
            frame = Frames.error(e);
        } catch (RuntimeException e) {
            LOG.warn("node RPC handler failed error={}", e.toString(), e);
            frame = Frames.error(new SqlException(SqlState.INTERNAL_ERROR, "node RPC handler failed: " + e));
        }
        reply.onNext(frame);
        reply.onCompleted();
    }

    CompletableFuture<byte[]> call(String address, String method, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new SqlException(SqlState.ADMIN_SHUTDOWN, "the node's Raft host is closed"));
        }
        byte[] name = method.getBytes(StandardCharsets.UTF_8);
        byte[] request = new ByteWriter(name.length + payload.length + 4).putVarint(name.length).put(name).put(payload)
                .toByteArray();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        try {
            var call = channel(address).newCall(CALL, CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS));
            ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                @Override
                public void onNext(byte[] frame) {
                    try {
                        result.complete(Frames.unwrap(frame));
                    } catch (SqlException e) {
                        result.completeExceptionally(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    result.completeExceptionally(failure(address, method, t));
                }

                @Override
                public void onCompleted() {
                    result.completeExceptionally(new SqlException(SqlState.CONNECTION_FAILURE,
                            "node RPC " + method + " at " + address + " ended without a reply"));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(failure(address, method, e));
        }
        return result;
    }

    private static SqlException failure(String address, String method, Throwable t) {
        if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
            return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "node " + address + " serves no node RPC", t);
        }
        return new SqlException(SqlState.CONNECTION_FAILURE, "node RPC " + method + " at " + address + " failed: "
                + t.getMessage(), t);
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forTarget(a)
                .usePlaintext()
                .maxInboundMessageSize(messageBytesMax)
                .build());
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
