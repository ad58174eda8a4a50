package io.presencegrid.ops.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ThreadSharesTest {

    @Test
    void threadsThatDifferOnlyInTheirNumbersAreOneKindAndTheLargestComesFirst() {
        ThreadShares shares = ThreadShares.of(Stream.of(
                "[sys-stripe-0-#1%node-0% tid=101];GridWorker.run;BPlusTree.invoke 30",
                "[sys-stripe-7-#8%node-0% tid=108];GridWorker.run 10",
                "[grid-nio-worker-tcp-comm-0-#24%TcpCommunicationSpi% tid=130];GridNioServer.run 25",
                "[sys-stripe-0-#1%node-0% tid=101];GridWorker.run;LockSupport.park 5"));

        assertThat(shares.total()).isEqualTo(70);
        assertThat(shares.shares()).containsExactly(
                new ThreadShares.Share("sys-stripe-N-#N%node-N%", 45, 2),
                new ThreadShares.Share("grid-nio-worker-tcp-comm-N-#N%TcpCommunicationSpi%", 25, 1));
        assertThat(shares.lines(1)).containsExactly(" 64.3%       45 samples    2 threads  sys-stripe-N-#N%node-N%");
    }

    @Test
    void linesThatAreNotAStackAndACountAreSkipped() {
        ThreadShares shares = ThreadShares.of(Stream.of("", "no count here", "[VM Thread tid=9];VMThread::run x",
                "[VM Thread tid=9];VMThread::run 4"));

        assertThat(shares.shares()).containsExactly(new ThreadShares.Share("VM Thread", 4, 1));
    }
}
