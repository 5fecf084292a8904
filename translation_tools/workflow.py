"""The workflow's final approval (WAGTAIL_FINISH_WORKFLOW_ACTION): Wagtail's own, which
publishes the latest revision, refusing a release that may not go live alone.

A module of its own because Wagtail imports it while its models are still loading."""


def publish_workflow_state(workflow_state, user=None):
    # Raising inside the approval's transaction undoes the approval too.
    # Imported at call time: joint_publish imports Wagtail's models, still loading when
    # Wagtail imports this module (WAGTAIL_FINISH_WORKFLOW_ACTION).
    from .joint_publish import LonePublishRefused, lone_publish_refusal

    revision = workflow_state.content_object.get_latest_revision()
    refusal = lone_publish_refusal(revision.as_object())
    if refusal:
        raise LonePublishRefused(refusal)
    revision.publish(user=user)
