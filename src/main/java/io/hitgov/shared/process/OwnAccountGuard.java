package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * What a user may do to their own account. Camunda gives every user ALL on their own user entry, so
 * in Tasklist's or Admin's profile page, or with {@code /engine-rest/user/{id}}, anyone could delete
 * their own account, point their e-mail address (where HITGov's notifications go) elsewhere, and set
 * any password, "a" included (the engine's password policy is off, so that the demo users and the
 * operator account of a development start keep the README's password). HITGov, for every signed-in
 * user who is not an operator: deleting one's own account and changing one's own e-mail address are
 * for operators (403); and a password set by a signed-in user, operators included, meets Camunda's
 * default password policy (at least 10 characters with upper- and lower-case letters, a digit and a
 * special character, not containing the user's id or names; 400 listing what is missing). Accounts
 * created by the engine's own start (no user signed in) are not checked; the prod profile refuses a
 * default operator password by itself.
 */
@Component
public class OwnAccountGuard extends AbstractProcessEnginePlugin {

  private static final Field SAVED_USER = CamundaFields.field(SaveUserCmd.class, "user");
  private static final Field DELETED_USER = CamundaFields.field(DeleteUserCmd.class, "userId");
  private static final Field NEW_PASSWORD = CamundaFields.field(UserEntity.class, "newPassword");
  private static final Map<String, String> RULES = Map.of(
      "PASSWORD_POLICY_LENGTH", "at least %s characters",
      "PASSWORD_POLICY_LOWERCASE", "at least %s lower-case letter(s)",
      "PASSWORD_POLICY_UPPERCASE", "at least %s upper-case letter(s)",
      "PASSWORD_POLICY_DIGIT", "at least %s digit(s)",
      "PASSWORD_POLICY_SPECIAL", "at least %s special character(s)",
      "PASSWORD_POLICY_USER_DATA", "not the user's id, names or e-mail address");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandGuards.install(configuration, new Guard());
  }

  static final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      Authentication authentication = CommandGuards.signedIn(context);
      if (authentication != null) {
        boolean operator = context.getAuthorizationManager().isCamundaAdmin(authentication);
        String self = authentication.getUserId();
        if (command instanceof DeleteUserCmd && !operator && self.equals(CamundaFields.string(DELETED_USER, command))) {
          throw new Refusals.Forbidden(self + " may not delete their own account: operators remove"
              + " accounts");
        }
        if (command instanceof SaveUserCmd && CamundaFields.get(SAVED_USER, command) instanceof UserEntity user) {
          if (!operator && self.equals(user.getId())) {
            User stored = context.getReadOnlyIdentityProvider().findUserById(user.getId());
            if (stored != null && !Objects.equals(stored.getEmail(), user.getEmail())) {
              throw new Refusals.Forbidden(self + " may not change or remove their own e-mail address (send it"
                  + " unchanged with a profile update): HITGov's notifications go there, so operators set it");
            }
          }
          if (user.hasNewPassword()) {
            checkPolicy(user);
          }
        }
      }
      return next.execute(command);
    }

    private static void checkPolicy(UserEntity user) {
      List<String> missing = new ArrayList<>();
      for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
        if (!rule.execute(CamundaFields.string(NEW_PASSWORD, user), user)) {
          String text = RULES.getOrDefault(rule.getPlaceholder(), rule.getPlaceholder());
          missing.add(rule.getParameters() == null || rule.getParameters().isEmpty() ? text
              : String.format(text, rule.getParameters().values().iterator().next()));
        }
      }
      if (!missing.isEmpty()) {
        throw new Refusals.BadRequest("password: does not meet the password policy, which asks for "
            + String.join(", ", missing));
      }
    }
  }
}
