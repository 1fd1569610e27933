package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    @Test
    void readReturnsBodyExactlyAtTheCap() {
        byte[] body = new byte[1024];
        body[1023] = 7;

        assertThat(CappedBody.read(new ByteArrayInputStream(body), -1, 1024)).isEqualTo(body);
    }

    @Test
    void readRefusesChunkedBodyOneByteOverTheCap() {
        assertThatThrownBy(() -> CappedBody.read(new ByteArrayInputStream(new byte[1025]), -1, 1024))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void readRefusesDeclaredLengthOverTheCapAndSwallowsTheRest() {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[5000]);

        assertThatThrownBy(() -> CappedBody.read(body, 5000, 1024))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(body.available()).isZero();
    }

    @Test
    void readStopsAfterTheSwallowLimitOnAnEndlessStream() {
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                served[0] += length;
                return length;
            }
        };

        assertThatThrownBy(() -> CappedBody.read(endless, -1, 100_000)).isInstanceOf(ApiException.class);
        assertThat(served[0]).isEqualTo(100_001 + CappedBody.SWALLOW_BYTES);
    }
}
