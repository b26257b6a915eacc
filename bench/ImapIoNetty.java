import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The Netty 4.1 model of bench/ImapIoModels.java's prototype server: NIO transport, one
 * boss and two worker event loops, the pooled allocator, a line splitter without
 * netty-codec. Same replies.
 *
 * <pre>java -cp DIR:NETTY_JARS ImapIoNetty PORTFILE</pre>
 */
public final class ImapIoNetty {

    public static void main(String[] args) throws Exception {
        long main = System.nanoTime();
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup(2);
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Lines());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        ImapIoModels.ready(Path.of(args[0]), ((InetSocketAddress) server.localAddress()).getPort(), main);
        server.closeFuture().sync();
    }

    static final class Lines extends ChannelInboundHandlerAdapter {
        private ByteBuf partial;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("* OK ready\r\n", StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (partial != null) {
                partial.writeBytes(in);
                in.release();
                in = partial;
                partial = null;
            }
            StringBuilder out = new StringBuilder();
            int lf;
            while ((lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n')) >= 0) {
                String line = in.toString(in.readerIndex(), lf - in.readerIndex(), StandardCharsets.US_ASCII);
                in.readerIndex(lf + 1);
                out.append(ImapIoModels.reply(line.strip()));
            }
            if (in.isReadable()) {
                partial = ctx.alloc().buffer(in.readableBytes() + 256);
                partial.writeBytes(in);
            }
            in.release();
            if (out.length() > 0) {
                var f = ctx.writeAndFlush(Unpooled.copiedBuffer(out, StandardCharsets.US_ASCII));
                if (out.indexOf("* BYE") >= 0) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (partial != null) {
                partial.release();
                partial = null;
            }
        }
    }
}
