package io.callmask.server.http;

import io.callmask.sip.message.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API listener. One event loop parses HTTP and checks tokens; a small worker pool runs
 * the routes, which may block on the store, so neither the SIP event loops nor this one ever wait
 * on a database. Not thread-safe to start and stop; serving is.
 */
public final class HttpApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);

  /** Bodies up to 16 MiB: a 100,000-number import as one JSON array fits. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private static final int IDLE_SECONDS = 120;
  private static final int WORKERS = 8;

  private final HostPort listen;
  private final Router router;
  private final BearerToken token;
  private EventLoopGroup group;
  private ExecutorService workers;
  private Channel channel;

  public HttpApiServer(HostPort listen, Router router, String apiToken) {
    this.listen = listen;
    this.router = router;
    this.token = new BearerToken(apiToken);
  }

  /** Binds the listener; throws IllegalStateException naming the address when it cannot. */
  public void start() {
    group = new NioEventLoopGroup(1, new DefaultThreadFactory("http-io", true));
    workers = Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory("api-worker", true));
    ApiHandler handler = new ApiHandler(router, token, workers);
    ChannelFuture bind = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(
                new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS),
                new IdleCloser(),
                new HttpServerCodec(),
                new BoundedAggregator(MAX_BODY_BYTES),
                handler);
          }
        })
        .bind(new InetSocketAddress(listen.host(), listen.port()))
        .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      close();
      throw new IllegalStateException(
          "cannot listen for HTTP on " + listen + ": " + bind.cause().getMessage(), bind.cause());
    }
    channel = bind.channel();
    log.info("HTTP API on http://{}", address());
  }

  /** The routes served, as {@code METHOD /pattern}. */
  public List<String> routes() {
    return router.describe();
  }

  /** The bound address, with the real port when port 0 was asked for. */
  public HostPort address() {
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    return new HostPort(bound.getHostString(), bound.getPort());
  }

  /** Stops listening, lets running routes finish briefly, then closes connections. Idempotent. */
  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly();
      channel = null;
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
      group = null;
    }
  }
}
