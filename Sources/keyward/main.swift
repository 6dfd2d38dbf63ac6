import KeywardCLI

KeywardTool.main()
