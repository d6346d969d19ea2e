"""Spreadsheets in and out: one engine every module that imports or exports a list reuses.

`read` opens what communities send (xlsx, xls, csv in UTF-8 or GB18030) safely; `cells` turns what
people type into values; `spec` finds the header and maps columns; `write` produces xlsx and csv
that cannot carry a formula into someone's Excel.
"""
