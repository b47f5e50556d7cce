package io.hitgov.portfolio;

import io.hitgov.shared.process.TimerCycle;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Portfolio watch settings ({@code hitgov.portfolio.*}, docs/processes/portfolio-watch.md).
 *
 * @param watchCycle how often the timer starts {@code PortfolioWatchProcess}: a Camunda cron expression
 *     (default {@code 0 5 * * * ?}, five past every hour) or an ISO 8601 repeating interval
 *     ({@code R/PT30M}); the start-up deployment writes it into the model (a changed value deploys a new
 *     version, whose timer replaces the old one)
 */
@ConfigurationProperties("hitgov.portfolio")
public record PortfolioProperties(@DefaultValue(PortfolioProperties.HOURLY) String watchCycle) {

  /** Five past every hour: the default and the cycle in the shipped model. */
  public static final String HOURLY = "0 5 * * * ?";

  /** The watch's timer cycle, for the start-up deployment (io.hitgov.system.deployment.ModelDeployer). */
  @Configuration(proxyBeanMethods = false)
  static class WatchSchedule {
    @Bean
    TimerCycle portfolioWatchTimerCycle(PortfolioProperties properties) {
      return properties.timerCycle();
    }
  }

  TimerCycle timerCycle() {
    return new TimerCycle("hitgov.portfolio.watch-cycle", PortfolioWatchProcess.KEY,
        PortfolioWatchProcess.Elements.TIMER_START, watchCycle);
  }
}
