package io.hitgov.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Active only with {@code bench.out}: counts the application's SQL and, once it is ready, runs the
 * workloads in its JVM, writes the results to {@code bench.out} and stops the application.
 */
@AutoConfiguration
@ConditionalOnProperty("bench.out")
public class BenchAutoConfiguration {

  @Bean
  static BeanPostProcessor benchSqlCounting() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getDataSource() == null) {
          pool.setDataSource(Counter.wrap(
              new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())));
        }
        return bean;
      }
    };
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> benchRunner() {
    return event -> {
      long startupMillis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      Thread runner = new Thread(() -> {
        int status = 0;
        try {
          new Workloads(event.getApplicationContext(), startupMillis).runAll();
        } catch (Throwable failure) {
          failure.printStackTrace();
          status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(event.getApplicationContext(), () -> exit));
      }, "bench-runner");
      runner.start();
    };
  }
}
