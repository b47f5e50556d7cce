package io.hitgov.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default profile's embedded mail server answers without Nagle's delay: GreenMail writes each
 * line of a reply on its own, and without TCP_NODELAY the second line of every EHLO reply waited
 * for the client's delayed acknowledgement (40 ms per connection on Linux).
 */
class EmbeddedSmtpTest {

  @Test
  void the_connections_the_embedded_server_accepts_send_each_line_at_once_and_it_speaks_smtp() throws Exception {
    GreenMail server = new EmbeddedSmtp.PromptGreenMail(
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket accepted = listener.accept()) {
      assertThat(server.getSmtp()).isInstanceOf(EmbeddedSmtp.PromptSmtpServer.class);
      assertThat(accepted.getTcpNoDelay()).as("a plain socket starts with Nagle's algorithm").isFalse();
      ((EmbeddedSmtp.PromptSmtpServer) server.getSmtp()).handleClientSocket(accepted);
      assertThat(accepted.getTcpNoDelay()).isTrue();

      BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = client.getOutputStream();
      assertThat(in.readLine()).startsWith("220 ");
      out.write("EHLO hitgov.test\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> reply = new ArrayList<>();
      String line;
      do {
        line = in.readLine();
        reply.add(line);
      } while (line != null && line.startsWith("250-"));
      assertThat(reply).as("a multi-line EHLO reply").hasSizeGreaterThan(1).last().asString().startsWith("250 ");
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(in.readLine()).startsWith("221");
    } finally {
      server.stop();
    }
  }
}
