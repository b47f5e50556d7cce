package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.CommentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Attachment;
import org.springframework.stereotype.Component;

/**
 * Comments and attachments on tasks and process instances (Tasklist's Comments and Attachments tabs,
 * {@code /engine-rest/task/{id}/comment} and {@code /attachment}, the Java API). Camunda checks no
 * permission for adding a comment or an attachment, or for deleting an attachment, so anyone signed in,
 * even a read-only PMO member, could write into or remove from any task's record, open or completed.
 * HITGov, for every user except operators ({@code camunda-admin}):
 * <ul>
 *   <li>on a task: only who may work on it (its candidates and assignee), and only while it is open;
 *   on a process instance: only who may update it (UPDATE), while it runs. A completed task or
 *   instance is part of the record: 403.</li>
 *   <li>a comment is edited or deleted by its author only; deleting all comments at once is for
 *   operators.</li>
 * </ul>
 * For everyone: a comment is at most {@value #MAX_COMMENT} characters; an attachment is a link
 * ({@code http}/{@code https}) to the document system, never an uploaded file (HITGov keeps no
 * documents, which may hold PHI) and never a {@code javascript:} or {@code data:} URL that Tasklist
 * would render as a link; its name and type at most 255 characters, description and URL at most 4000
 * (the engine's columns). Refusals are 400 naming the field, or 403.
 */
@Component
public class CommentsAndAttachments extends AbstractProcessEnginePlugin {

  public static final int MAX_COMMENT = 4000;
  static final int MAX_NAME = 255;
  static final int MAX_TEXT = 4000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandGuards.install(configuration, new Guard());
  }

  static final class Guard extends CommandInterceptor {
    private static final Field ADD_TASK = CamundaFields.field(AddCommentCmd.class, "taskId");
    private static final Field ADD_INSTANCE = CamundaFields.field(AddCommentCmd.class, "processInstanceId");
    private static final Field ADD_MESSAGE = CamundaFields.field(AddCommentCmd.class, "message");
    private static final Field UPDATE_TASK = CamundaFields.field(UpdateCommentCmd.class, "taskId");
    private static final Field UPDATE_INSTANCE = CamundaFields.field(UpdateCommentCmd.class, "processInstanceId");
    private static final Field UPDATE_COMMENT = CamundaFields.field(UpdateCommentCmd.class, "commentId");
    private static final Field UPDATE_MESSAGE = CamundaFields.field(UpdateCommentCmd.class, "message");
    private static final Field DELETE_TASK_COMMENT_TASK = CamundaFields.field(DeleteTaskCommentCmd.class, "taskId");
    private static final Field DELETE_TASK_COMMENT = CamundaFields.field(DeleteTaskCommentCmd.class, "commentId");
    private static final Field DELETE_INSTANCE_COMMENT_INSTANCE = CamundaFields.field(DeleteProcessInstanceCommentCmd.class,
        "processInstanceId");
    private static final Field DELETE_INSTANCE_COMMENT = CamundaFields.field(DeleteProcessInstanceCommentCmd.class, "commentId");
    private static final Field CREATE_TASK = CamundaFields.field(CreateAttachmentCmd.class, "taskId");
    private static final Field CREATE_INSTANCE = CamundaFields.field(CreateAttachmentCmd.class, "processInstanceId");
    private static final Field CREATE_NAME = CamundaFields.field(CreateAttachmentCmd.class, "attachmentName");
    private static final Field CREATE_DESCRIPTION = CamundaFields.field(CreateAttachmentCmd.class, "attachmentDescription");
    private static final Field CREATE_TYPE = CamundaFields.field(CreateAttachmentCmd.class, "attachmentType");
    private static final Field CREATE_URL = CamundaFields.field(CreateAttachmentCmd.class, "url");
    private static final Field CREATE_CONTENT = CamundaFields.field(CreateAttachmentCmd.class, "content");
    private static final Field DELETE_ATTACHMENT = CamundaFields.field(DeleteAttachmentCmd.class, "attachmentId");
    private static final Field DELETE_ATTACHMENT_TASK = CamundaFields.field(DeleteAttachmentCmd.class, "taskId");
    private static final Field SAVE_ATTACHMENT = CamundaFields.field(SaveAttachmentCmd.class, "attachment");

    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      if (context != null) {
        if (command instanceof AddCommentCmd) {
          checkComment(value(ADD_MESSAGE, command));
          checkWrite(context, value(ADD_TASK, command), value(ADD_INSTANCE, command), "comment on");
        } else if (command instanceof UpdateCommentCmd) {
          checkComment(value(UPDATE_MESSAGE, command));
          checkWrite(context, value(UPDATE_TASK, command), value(UPDATE_INSTANCE, command), "edit comments of");
          checkAuthor(context, value(UPDATE_COMMENT, command), "edit");
        } else if (command instanceof DeleteTaskCommentCmd) {
          checkWrite(context, value(DELETE_TASK_COMMENT_TASK, command), null, "delete comments of");
          checkAuthor(context, value(DELETE_TASK_COMMENT, command), "delete");
        } else if (command instanceof DeleteProcessInstanceCommentCmd) {
          checkWrite(context, null, value(DELETE_INSTANCE_COMMENT_INSTANCE, command), "delete comments of");
          checkAuthor(context, value(DELETE_INSTANCE_COMMENT, command), "delete");
        } else if (command instanceof CreateAttachmentCmd) {
          checkAttachment(value(CREATE_NAME, command), value(CREATE_DESCRIPTION, command),
              value(CREATE_TYPE, command), value(CREATE_URL, command), get(CREATE_CONTENT, command) != null);
          checkWrite(context, value(CREATE_TASK, command), value(CREATE_INSTANCE, command), "attach to");
        } else if (command instanceof DeleteAttachmentCmd) {
          String taskId = value(DELETE_ATTACHMENT_TASK, command);
          AttachmentEntity attachment = attachment(context, value(DELETE_ATTACHMENT, command));
          if (attachment != null) {
            checkWrite(context, taskId != null ? taskId : attachment.getTaskId(),
                taskId != null ? null : attachment.getProcessInstanceId(), "delete attachments of");
          } else if (taskId != null) {
            checkWrite(context, taskId, null, "delete attachments of");
          }
        } else if (command instanceof SaveAttachmentCmd && get(SAVE_ATTACHMENT, command) instanceof Attachment saved) {
          checkAttachment(saved.getName(), saved.getDescription(), null, null, false);
          AttachmentEntity stored = attachment(context, saved.getId());
          if (stored != null) {
            checkWrite(context, stored.getTaskId(), stored.getProcessInstanceId(), "edit attachments of");
          }
        }
      }
      return next.execute(command);
    }

    private static void checkComment(String message) {
      if (message != null && message.length() > MAX_COMMENT) {
        throw new Refusals.BadRequest("message: a comment is at most " + MAX_COMMENT + " characters");
      }
    }

    private static void checkAttachment(String name, String description, String type, String url, boolean content) {
      if (content) {
        throw new Refusals.BadRequest("content: HITGov keeps no uploaded files (they may hold PHI); attach a link"
            + " to the document in the document system (url) instead");
      }
      limit("attachment-name", name, MAX_NAME);
      limit("attachment-description", description, MAX_TEXT);
      limit("attachment-type", type, MAX_NAME);
      limit("url", url, MAX_TEXT);
      if (url != null) {
        String scheme = url.strip().toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("https://") && !scheme.startsWith("http://")) {
          throw new Refusals.BadRequest("url: an attachment links to an http or https address");
        }
      }
    }

    private static void limit(String field, String text, int max) {
      if (text != null && text.length() > max) {
        throw new Refusals.BadRequest(field + ": at most " + max + " characters");
      }
    }

    /** Only who may work on the open task, or update the running instance; operators always. */
    private static void checkWrite(CommandContext context, String taskId, String processInstanceId, String action) {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (taskId != null && processInstanceId != null) {
        // Camunda stores both as given: a comment "on my task" could land in another instance's record
        String own = task != null ? task.getProcessInstanceId() : historicInstanceOf(context, taskId);
        if (!processInstanceId.equals(own)) {
          throw new Refusals.BadRequest("processInstanceId: task " + taskId + " does not belong to process instance "
              + processInstanceId);
        }
      }
      Authentication user = CommandGuards.restricted(context);
      if (user == null) {
        return;
      }
      List<CommandChecker> checkers = context.getProcessEngineConfiguration().getCommandCheckers();
      if (taskId != null) {
        if (task != null) {
          forbiddenUnless(() -> checkers.forEach(checker -> checker.checkTaskWork(task)));
        } else if (historicTaskExists(context, taskId)) {
          throw new Refusals.Forbidden(user.getUserId() + " may not " + action + " task " + taskId
              + ": it is completed, and its comments and attachments are part of the record");
        }
      } else if (processInstanceId != null) {
        ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
        if (instance != null) {
          forbiddenUnless(() -> checkers.forEach(checker -> checker.checkUpdateProcessInstanceById(processInstanceId)));
        } else if (historicInstanceExists(context, processInstanceId)) {
          throw new Refusals.Forbidden(user.getUserId() + " may not " + action + " process instance "
              + processInstanceId + ": it has ended, and its comments and attachments are part of the record");
        }
      }
    }

    /** Camunda's check, its refusal a 403 on every surface. */
    private static void forbiddenUnless(Runnable check) {
      try {
        check.run();
      } catch (Refusals.Forbidden e) {
        throw e;
      } catch (AuthorizationException e) {
        throw new Refusals.Forbidden(e.getMessage());
      }
    }

    /** A comment is edited or deleted by its author; all comments at once by operators only. */
    private static void checkAuthor(CommandContext context, String commentId, String action) {
      Authentication user = CommandGuards.restricted(context);
      if (user == null) {
        return;
      }
      if (commentId == null) {
        throw new Refusals.Forbidden(user.getUserId() + " may not " + action
            + " all comments at once: only operators may");
      }
      CommentEntity comment = context.getDbEntityManager().selectById(CommentEntity.class, commentId);
      if (comment != null && !user.getUserId().equals(comment.getUserId())) {
        throw new Refusals.Forbidden(user.getUserId() + " may not " + action + " comment " + commentId
            + ": only its author " + comment.getUserId() + " may");
      }
    }

    private static String historicInstanceOf(CommandContext context, String taskId) {
      var task = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
      return task == null ? null : task.getProcessInstanceId();
    }

    private static boolean historicTaskExists(CommandContext context, String taskId) {
      return context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId) != null;
    }

    private static boolean historicInstanceExists(CommandContext context, String processInstanceId) {
      return context.getHistoricProcessInstanceManager().findHistoricProcessInstance(processInstanceId) != null;
    }

    private static AttachmentEntity attachment(CommandContext context, String attachmentId) {
      return attachmentId == null ? null : context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
    }

    private static String value(Field field, Object command) {
      return CamundaFields.string(field, command);
    }

    private static Object get(Field field, Object command) {
      return CamundaFields.get(field, command);
    }
  }
}
