"""The collection: admins' additions, edits and removals, drafts, readers' reports and the audit log.

The top layer beside answers: a draft is read as the build reads a document (documents/, voices/).
"""
