import App
import Foundation

exit(await SalesPulseMain.run())
