"""The words of both languages: site labels, editors' messages, field help.

Above the plan, beside the lint: every renderer and the command line take
their words from here, in the plan's `language`.
"""
