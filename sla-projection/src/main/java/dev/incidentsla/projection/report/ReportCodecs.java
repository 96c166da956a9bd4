package dev.incidentsla.projection.report;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportCodecs {

    @Bean
    CodecCustomizer reportCsv() {
        return codecs -> codecs.customCodecs().register(new ReportCsv());
    }
}
