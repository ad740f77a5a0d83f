// placeholder (compose work in progress)
